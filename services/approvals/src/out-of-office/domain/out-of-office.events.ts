/**
 * Internal events of an organization's out-of-office stream (`out-of-office-<organizationId>`): every approver of the
 * organization in one stream, so a request or a decision reads them all at once.
 */
export type OutOfOfficeEvent =
  | { type: 'OutOfOfficeSet'; data: { organizationId: string; userId: string; from: string; to: string; delegateId: string; setAt: string } }
  | { type: 'OutOfOfficeCleared'; data: { organizationId: string; userId: string; clearedAt: string } };

export const outOfOfficeStreamId = (organizationId: string): string => `out-of-office-${organizationId}`;

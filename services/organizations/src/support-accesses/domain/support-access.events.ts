import type { SupportAccessMethod } from '@broker/contracts';

/**
 * Internal events of an organization's support access log (`support-access-<organizationId>`): one per read of the
 * organization by the platform admin. They never leave the organizations service.
 */
export type SupportAccessEvent = {
  type: 'SupportAccessRecorded';
  data: {
    supportAccessId: string;
    organizationId: string;
    resellerId: string;
    accessedBy: string;
    method: SupportAccessMethod;
    /** A route template (`/organizations/{orgId}/users`), never a path with ids in it. */
    route: string;
    correlationId: string | null;
    accessedAt: string;
  };
};

export const supportAccessStreamId = (organizationId: string): string => `support-access-${organizationId}`;

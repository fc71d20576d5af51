import type { components } from '../../api/schema.gen';

export type OutOfOffice = components['schemas']['OutOfOfficeResponse'];
export type SetOutOfOffice = components['schemas']['SetOutOfOfficeBody'];
type User = components['schemas']['UserListItemResponse'];

export interface OutOfOfficeFields {
  /** A date and time in the browser's time zone, as a datetime-local input holds it (`2026-12-21T09:00`). */
  from: string;
  to: string;
  delegateId: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a datetime-local input's value, in the browser's time zone, to the minute. */
export function localInputValue(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** A datetime-local input's value as the instant the API wants; null for an empty or broken value. */
export function instantOf(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local.trim())) return null;
  const at = new Date(local.trim());
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The form for the period shown, or a new one: from now until the same time a week later, no delegate yet. */
export function toFields(current: OutOfOffice, now = new Date()): OutOfOfficeFields {
  if (current.period) return { from: localInputValue(current.period.from), to: localInputValue(current.period.to), delegateId: current.period.delegateId };
  const from = new Date(now);
  from.setSeconds(0, 0);
  const to = new Date(from);
  to.setDate(to.getDate() + 7);
  return { from: localInputValue(from.toISOString()), to: localInputValue(to.toISOString()), delegateId: '' };
}

export function toRequestBody(fields: OutOfOfficeFields): SetOutOfOffice {
  return { from: instantOf(fields.from) ?? fields.from, to: instantOf(fields.to) ?? fields.to, delegateId: fields.delegateId };
}

/**
 * Who may stand in for the approver: an active user of the organization other than themself, of at least their role
 * (an organization admin for an organization admin; an admin or billing admin for a billing admin).
 */
export function eligibleDelegates(users: readonly User[], me: { id: string; role: string }): User[] {
  const roles = me.role === 'org_admin' ? ['org_admin'] : ['org_admin', 'org_billing_admin'];
  return users.filter((user) => user.id !== me.id && user.status === 'active' && roles.includes(user.role));
}

/** Whether the period runs now, is still to come, or is over. */
export function periodState(period: NonNullable<OutOfOffice['period']>, now = new Date()): 'running' | 'coming' | 'over' {
  const t = now.getTime();
  if (t < Date.parse(period.from)) return 'coming';
  return t < Date.parse(period.to) ? 'running' : 'over';
}

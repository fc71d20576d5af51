import type { components } from '../../api/schema.gen';

export type ActivityEntry = components['schemas']['ActivityEntryResponse'];
type SessionUser = components['schemas']['SessionUserResponse'];

/** Whose list a screen shows: an organization's, a reseller's (its own and its organizations'), or the platform's. */
export type ActivityScope = { kind: 'organization'; orgId: string } | { kind: 'reseller'; resellerId: string } | { kind: 'platform' };

/**
 * The list a screen shows: the organization's at `/organizations/:orgId/activity`; at `/activity` the reseller
 * admin's reseller's or, for the platform admin, the whole platform's. Null when the role has no list there.
 */
export function activityScope(user: Pick<SessionUser, 'role' | 'resellerId'> | null, orgId: string | undefined): ActivityScope | null {
  if (orgId) return { kind: 'organization', orgId };
  if (user?.role === 'platform_admin') return { kind: 'platform' };
  if (user?.role === 'reseller_admin' && user.resellerId) return { kind: 'reseller', resellerId: user.resellerId };
  return null;
}

/**
 * Every action the log lists (services/notifications/src/activity-log/record-activity/activity-descriptions.ts),
 * grouped by area as the filter offers them.
 */
export const ACTION_GROUPS: readonly { group: string; actions: readonly (readonly [action: string, label: string])[] }[] = [
  {
    group: 'Sign-ins and users',
    actions: [
      ['user.signed-in', 'Signed in'],
      ['user.sign-in-failed', 'Sign-in refused'],
      ['user.signed-out', 'Signed out'],
      ['user.password-changed', 'Password changed'],
      ['user.created', 'User created'],
      ['user.changed', 'User changed'],
      ['user.disabled', 'User disabled'],
      ['user.enabled', 'User enabled'],
      ['user.deleted', 'User deleted'],
      ['user.out-of-office-changed', 'Out of office set'],
    ],
  },
  {
    group: 'Resellers and organizations',
    actions: [
      ['reseller.created', 'Reseller created'],
      ['reseller.properties-changed', 'Reseller properties changed'],
      ['organization.created', 'Organization created'],
      ['organization.changed', 'Organization changed'],
      ['organization.domain-added', 'Domain added'],
      ['organization.domain-removed', 'Domain removed'],
      ['organization.settings-changed', 'Organization settings changed'],
      ['support.requested', 'Support requested'],
    ],
  },
  {
    group: 'Catalog and e-store',
    actions: [
      ['product.created', 'Product added'],
      ['product.changed', 'Product changed'],
      ['store.curated', 'E-store set'],
      ['subscription.licences-assigned', 'Licences assigned'],
    ],
  },
  {
    group: 'Orders and approvals',
    actions: [
      ['transaction.requested', 'Transaction requested'],
      ['transaction.approved', 'Transaction approved'],
      ['transaction.rejected', 'Transaction rejected'],
      ['transaction.withdrawn', 'Transaction withdrawn'],
      ['approval.step-approved', 'Approval step approved'],
      ['approval.step-rejected', 'Approval step rejected'],
      ['approval.reminded', 'Approvers reminded'],
      ['approval.escalated', 'Approval escalated'],
      ['approval-policy.changed', 'Approval policy changed'],
      ['approval-chains.changed', 'Approval chains set'],
      ['approval-chains.cleared', 'Approval chains removed'],
    ],
  },
  {
    group: 'Budgets',
    actions: [
      ['budget.changed', 'Budget set'],
      ['budget.removed', 'Budget removed'],
      ['budget.threshold-reached', 'Budget threshold reached'],
    ],
  },
];

const ACTION_LABELS = new Map(ACTION_GROUPS.flatMap((group) => group.actions));

/** `transaction.approved` -> `Transaction approved`; an action this portal does not know yet is shown as written. */
export function actionLabel(action: string): string {
  return ACTION_LABELS.get(action) ?? action;
}

/** Who acted: the platform itself, the approval policy, the user's name as recorded, else their id. */
export function actorLabel(entry: Pick<ActivityEntry, 'actorId' | 'actorName'>): string {
  if (entry.actorId === 'system') return 'System';
  if (entry.actorId === 'policy') return 'Approval policy';
  return entry.actorName?.trim() || entry.actorId || 'Unknown';
}

const TARGET_TYPES: Record<string, string> = {
  user: 'User',
  organization: 'Organization',
  reseller: 'Reseller',
  transaction: 'Transaction',
  subscription: 'Subscription',
  product: 'Product',
  budget: 'Budget',
  support_request: 'Support request',
};

/** What was acted on: `User: Anna Admin`, `Transaction: Microsoft 365 E3`; the id when no name was recorded. */
export function targetLabel(target: ActivityEntry['target']): string {
  const type = TARGET_TYPES[target.type] ?? target.type;
  const name = target.name?.trim() || (target.type === 'budget' && target.id ? "the organization's" : target.id);
  return name ? `${type}: ${name}` : type;
}

/** The time in the reader's locale (and time zone), e.g. `16 Mar 2026, 09:05:00`. */
export function localTime(iso: string, locale?: string, timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) }).format(at);
}

/** The filters as the form holds them: empty for "any"; days as `YYYY-MM-DD`, both included. */
export interface ActivityFilters {
  action: string;
  actorId: string;
  fromDay: string;
  toDay: string;
}

export const NO_FILTERS: ActivityFilters = { action: '', actorId: '', fromDay: '', toDay: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a day in the reader's time zone, `days` later, as the API's ISO instant; null for no valid day. */
function dayStart(day: string, days = 0): string | null {
  const match = DAY.exec(day);
  if (!match) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** Why the filters cannot be applied (the last day before the first), or null. */
export function filtersProblem(filters: ActivityFilters): string | null {
  if (filters.fromDay && filters.toDay && filters.toDay < filters.fromDay) return 'The last day cannot be before the first';
  return null;
}

/**
 * The API's query for the filters: `from` the first day's start, `to` the start of the day after the last (the API
 * excludes `to`), both in the reader's time zone; empty filters are left out.
 */
export function activityQuery(filters: ActivityFilters): { action?: string; actorId?: string; from?: string; to?: string } {
  const from = filters.fromDay ? dayStart(filters.fromDay) : null;
  const to = filters.toDay ? dayStart(filters.toDay, 1) : null;
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

/** The filters in the screen's address (`?action=…&actor=…&from=YYYY-MM-DD&to=YYYY-MM-DD`), so a link or a reload keeps them. */
export function filtersSearch(filters: ActivityFilters): string {
  const search = new URLSearchParams();
  if (filters.action) search.set('action', filters.action);
  if (filters.actorId) search.set('actor', filters.actorId);
  if (filters.fromDay) search.set('from', filters.fromDay);
  if (filters.toDay) search.set('to', filters.toDay);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The filters of the screen's address; anything malformed is left out. */
export function filtersOfSearch(search: URLSearchParams): ActivityFilters {
  const day = (name: string) => {
    const value = search.get(name) ?? '';
    return dayStart(value) ? value : '';
  };
  const action = search.get('action') ?? '';
  const actorId = search.get('actor') ?? '';
  return {
    action: /^[a-z][a-z-]*\.[a-z][a-z-]*$/.test(action) ? action : '',
    actorId: /^(?:system|policy|[0-9a-f-]{36})$/i.test(actorId) ? actorId : '',
    fromDay: day('from'),
    toDay: day('to'),
  };
}

/** The actors the filter offers: those seen in the list so far (kept across filters), then System and Approval policy. */
export function knownActors(entries: readonly Pick<ActivityEntry, 'actorId' | 'actorName'>[], earlier: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const actors = new Map(earlier);
  for (const entry of entries) {
    if (!entry.actorId || entry.actorId === 'system' || entry.actorId === 'policy') continue;
    if (!actors.has(entry.actorId) || (entry.actorName && actors.get(entry.actorId) === entry.actorId)) actors.set(entry.actorId, actorLabel(entry));
  }
  return actors;
}

/** The actor filter's choices: anyone, the people by name, then the platform itself and the approval policy. */
export function actorOptions(actors: ReadonlyMap<string, string>): { value: string; label: string }[] {
  const people = [...actors].map(([value, label]) => ({ value, label: label === value ? `User ${value}` : label })).sort((a, b) => a.label.localeCompare(b.label));
  return [{ value: '', label: 'Anyone' }, ...people, { value: 'system', label: 'System' }, { value: 'policy', label: 'Approval policy' }];
}

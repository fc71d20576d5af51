import type { Role } from '@broker/contracts';
import { InvalidOutOfOfficeError, type FieldMessage } from './approval-chains.errors';

/** An approver away from `from` (included) to `to` (excluded): requests reaching them go to `delegateId` meanwhile. */
export interface OutOfOfficePeriod {
  userId: string;
  from: string;
  to: string;
  delegateId: string;
}

/** What the directory says of a user now. */
export interface DirectoryUser {
  role: Role;
  resellerId: string | null;
  organizationId: string | null;
  active: boolean;
}

/**
 * How high a role ranks among those who approve, within its scope: an organization's admins above its billing admins
 * (internal steps); the reseller's admins alone at the reseller step. Other roles approve nothing.
 */
const APPROVER_RANK: Partial<Record<Role, { scope: 'organization' | 'reseller'; rank: number }>> = {
  org_admin: { scope: 'organization', rank: 2 },
  org_billing_admin: { scope: 'organization', rank: 1 },
  reseller_admin: { scope: 'reseller', rank: 1 },
};

const millis = (instant: string): number => (typeof instant === 'string' ? Date.parse(instant) : Number.NaN);

/** Whether the period covers the moment: from included, to excluded. */
export function coversMoment(period: Pick<OutOfOfficePeriod, 'from' | 'to'>, at: Date): boolean {
  const t = at.getTime();
  return millis(period.from) <= t && t < millis(period.to);
}

/**
 * The rules of a period: `to` after `from`; a delegate other than the approver, active, in the same organization (or
 * reseller, for a reseller admin) and of at least the same role; no overlap with the approver's other periods.
 * `others`: the approver's other periods (a period being replaced left out).
 */
export function validateOutOfOffice(period: OutOfOfficePeriod, directory: Readonly<Record<string, DirectoryUser>>, others: readonly OutOfOfficePeriod[] = []): void {
  const errors: FieldMessage[] = [];
  const from = millis(period.from);
  const to = millis(period.to);
  if (Number.isNaN(from)) errors.push({ field: 'from', message: 'from must be an ISO 8601 date and time' });
  if (Number.isNaN(to)) errors.push({ field: 'to', message: 'to must be an ISO 8601 date and time' });
  else if (!Number.isNaN(from) && to <= from) errors.push({ field: 'to', message: 'to must be after from' });
  const approver = directory[period.userId];
  const approverRank = approver ? APPROVER_RANK[approver.role] : undefined;
  if (!approver || !approverRank) errors.push({ field: 'userId', message: 'Only organization admins, billing admins and reseller admins approve, and so delegate' });
  if (period.delegateId === period.userId) {
    errors.push({ field: 'delegateId', message: 'delegateId must be someone else than the approver' });
  } else if (approver && approverRank) {
    const delegate = directory[period.delegateId];
    const delegateRank = delegate ? APPROVER_RANK[delegate.role] : undefined;
    const sameScope =
      delegate !== undefined &&
      delegate.resellerId === approver.resellerId &&
      (approverRank.scope === 'reseller' || delegate.organizationId === approver.organizationId);
    if (!delegate || !sameScope) {
      errors.push({ field: 'delegateId', message: approverRank.scope === 'reseller' ? "The delegate must be one of the reseller's admins" : 'The delegate must be a user of the same organization' });
    } else if (!delegate.active) {
      errors.push({ field: 'delegateId', message: 'The delegate is disabled' });
    } else if (!delegateRank || delegateRank.scope !== approverRank.scope || delegateRank.rank < approverRank.rank) {
      errors.push({ field: 'delegateId', message: `The delegate must hold at least the approver's role (${approver.role})` });
    }
  }
  if (!Number.isNaN(from) && !Number.isNaN(to) && to > from) {
    const clash = others.find((o) => o.userId === period.userId && millis(o.from) < to && from < millis(o.to));
    if (clash) errors.push({ field: 'from', message: `The approver is already out of office from ${clash.from} to ${clash.to}` });
  }
  if (errors.length > 0) throw new InvalidOutOfOfficeError(errors);
}

/** The approver's delegate at the moment, or null while they are in. */
export function delegateAt(approverId: string, periods: readonly OutOfOfficePeriod[], at: Date): string | null {
  return periods.find((p) => p.userId === approverId && coversMoment(p, at))?.delegateId ?? null;
}

export interface Cover {
  approverId: string;
  /** Who decides for the approver while they are out of office; null while they are in. */
  delegateId: string | null;
}

/**
 * Who may decide for each approver at the moment: the approver (an approver back early may still decide) and, while
 * they are out of office, their delegate. Delegation is one hop: a delegate who is away themselves does not pass the
 * approver's requests on to their own delegate, so periods that point at each other can never loop.
 */
export function coversAt(approverIds: readonly string[], periods: readonly OutOfOfficePeriod[], at: Date): Cover[] {
  return approverIds.map((approverId) => ({ approverId, delegateId: delegateAt(approverId, periods, at) }));
}

/** Who is told that a step awaits them: each approver, or their delegate while they are out of office; each once. */
export function notifiedAt(approverIds: readonly string[], periods: readonly OutOfOfficePeriod[], at: Date): string[] {
  return [...new Set(coversAt(approverIds, periods, at).map((c) => c.delegateId ?? c.approverId))];
}

export interface DecidingAs {
  decidedBy: string;
  /** The out-of-office approver the decision is made for; null when an approver decides themselves. */
  onBehalfOf: string | null;
  /** For the history; null when an approver decides themselves. */
  note: string | null;
}

/** For the history: "decided by X for Y, who is out of office". */
export function delegationNote(delegate: string, approver: string): string {
  return `decided by ${delegate} for ${approver}, who is out of office`;
}

/**
 * In what capacity the actor decides a step whose approvers are given: as one of them, or as the delegate of one who
 * is out of office (the first such approver in the step's order); null when neither. `names` shows people in the note
 * (ids where a name is missing).
 */
export function decidingAs(actorId: string, covers: readonly Cover[], names: Readonly<Record<string, string>> = {}): DecidingAs | null {
  if (covers.some((c) => c.approverId === actorId)) return { decidedBy: actorId, onBehalfOf: null, note: null };
  const covered = covers.find((c) => c.delegateId === actorId);
  if (!covered) return null;
  return { decidedBy: actorId, onBehalfOf: covered.approverId, note: delegationNote(names[actorId] ?? actorId, names[covered.approverId] ?? covered.approverId) };
}

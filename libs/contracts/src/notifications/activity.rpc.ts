import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { ActorDto } from '../auth/actor';
import type { Page } from '../organizations/reseller.rpc';
import { rpc } from '../rpc-contract';
import { ActorField, PageCursorField, PageLimitField } from '../shared/request-fields';

/**
 * The activity log, kept by the notifications service from every service's integration events: who did what, to
 * what, when, from which request. One list per organization, per reseller (its own actions and its organizations'),
 * and the platform's; each read checks role and tenant.
 */
export const ActivityRpc = {
  list: rpc<ListActivityRequest, Page<ActivityEntryView>>('notifications.activity.list', { errors: ['ACTIVITY.FORBIDDEN', 'ACTIVITY.NOT_FOUND', 'READ_MODEL.INVALID_QUERY'] }),
} as const;

export const ACTIVITY_SCOPES = ['organization', 'reseller', 'platform'] as const;
export type ActivityScope = (typeof ACTIVITY_SCOPES)[number];
/** An action: `<area>.<what happened>`, lower case (`transaction.approved`, `user.sign-in-failed`). */
export const ACTIVITY_ACTION_PATTERN = /^[a-z][a-z-]*\.[a-z][a-z-]*$/;

export class ListActivityRequest {
  @ActorField()
  actor!: ActorDto;

  @IsIn(ACTIVITY_SCOPES)
  scope!: ActivityScope;

  /** The organization's or reseller's id; absent for the platform's list. */
  @ValidateIf((o: ListActivityRequest) => o.scope !== 'platform')
  @IsUUID()
  tenantId?: string;

  /** Only what this user did (`system` for the platform's own work). */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^(?:system|policy|[0-9a-f-]{36})$/i, { message: 'actorId must be a user id, system or policy' })
  actorId?: string;

  @IsOptional()
  @Matches(ACTIVITY_ACTION_PATTERN, { message: 'action must be written area.what (transaction.approved)' })
  @Length(3, 80)
  action?: string;

  /** Only what was done to this (a user, organization, transaction, subscription, product ...). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  targetId?: string;

  /** From this moment (included), ISO 8601. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Up to this moment (excluded), ISO 8601. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

/** One action, newest first in a list. */
export interface ActivityEntryView {
  /** The integration event's id: the same action is listed once. */
  id: string;
  at: string;
  resellerId: string | null;
  organizationId: string | null;
  /** The user who acted, `system` for the platform's own work, `policy` for an approval by policy; null: unknown. */
  actorId: string | null;
  /** The actor's name when known at the time (`First Last`), else null. */
  actorName: string | null;
  action: string;
  target: { type: string; id: string | null; name: string | null };
  /** One sentence a person reads. */
  summary: string;
  /** The request it came from: every action of one request shares it. */
  correlationId: string;
}

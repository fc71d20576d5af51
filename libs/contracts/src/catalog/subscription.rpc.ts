import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { ActorDto } from '../auth/actor';
import type { BillingFrequency } from './product.rpc';
import { ActorField, ExpectedVersionsField, PageLimitField, PageCursorField } from '../shared/request-fields';
import type { Page } from '../organizations/reseller.rpc';
import { rpc } from '../rpc-contract';

/**
 * An organization's subscriptions (api-v1.md, Subscriptions and transactions). Subscriptions change only through
 * approved transactions (integration events from approvals); assignments are set here. Readers: the reseller's
 * admins and the organization's admins, viewers and billing admins; an `org_user` sees only the subscriptions
 * assigned to them. Writers of assignments: reseller_admin, org_admin.
 */
export const SubscriptionRpc = {
  list: rpc<ListSubscriptionsRequest, Page<SubscriptionView>>('catalog.subscription.list', { errors: ['ORGANIZATION.NOT_FOUND', 'CATALOG.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
  get: rpc<SubscriptionRequest, VersionedSubscriptionView>('catalog.subscription.get', { errors: ['ORGANIZATION.NOT_FOUND', 'CATALOG.FORBIDDEN', 'SUBSCRIPTION.NOT_FOUND'] }),
  setAssignments: rpc<SetAssignmentsRequest, VersionedSubscriptionView>('catalog.subscription.set-assignments', { errors: ['ORGANIZATION.NOT_FOUND', 'CATALOG.FORBIDDEN', 'SUBSCRIPTION.NOT_FOUND', 'SUBSCRIPTION.ALREADY_CANCELLED', 'SUBSCRIPTION.VERSION_MISMATCH', 'USER.FORBIDDEN'] }),
} as const;

/** At most this many user ids in one assignment request. */
export const MAX_ASSIGNED_USERS = 10_000;

export class ListSubscriptionsRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export class SubscriptionRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  @IsUUID()
  subscriptionId!: string;
}

/** "Set to": the users who hold the subscription's licences afterwards (assign, unassign and move in one). */
export class SetAssignmentsRequest extends SubscriptionRequest {
  @IsArray()
  @ArrayMaxSize(MAX_ASSIGNED_USERS)
  @IsUUID('all', { each: true })
  userIds!: string[];

  /** If-Match: the subscription `version`s under which the change may happen (absent: any). */
  @ExpectedVersionsField()
  expectedVersions?: string[];
}

export type SubscriptionStatus = 'active' | 'cancelled';

export interface SubscriptionView {
  id: string;
  organizationId: string;
  productId: string;
  productName: string;
  quantity: number;
  /** Price per unit per billing period, a decimal in `currency` (its number of decimals). */
  price: string;
  currency: string;
  billingFrequency: BillingFrequency;
  status: SubscriptionStatus;
  /** When the order was approved. */
  startedAt: string;
  cancelledAt: string | null;
  /** In the order the licences were assigned. */
  assignedUserIds: string[];
}

/** One subscription as read from its stream (get, set-assignments), with its version. */
export interface VersionedSubscriptionView extends SubscriptionView {
  /**
   * Changes with every change of the subscription (assignments, quantity, cancellation), read from its stream.
   * Opaque: compare it, never parse it.
   */
  version: string;
}

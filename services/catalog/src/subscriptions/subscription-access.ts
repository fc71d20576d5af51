import { Injectable } from '@nestjs/common';
import { organizationReaders, type ActorDto, type Role } from '@broker/contracts';
import { OrganizationAccess } from '../organization-access/organization-access';
import type { ExistingSubscription } from './domain/subscription.decider';
import { SubscriptionNotFoundError } from './domain/subscription.errors';
import { SubscriptionRepository } from './subscription-repository';

export const SUBSCRIPTION_READERS: readonly Role[] = organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user');
export const ASSIGNMENT_WRITERS: readonly Role[] = ['reseller_admin', 'org_admin'];

/** An `org_user` sees only the subscriptions whose licences it holds. */
export function maySeeSubscription(actor: ActorDto, subscription: Pick<ExistingSubscription, 'assignedUserIds'>): boolean {
  return actor.role !== 'org_user' || subscription.assignedUserIds.includes(actor.userId);
}

/** One subscription of an organization the actor may see; another organization's answers exactly like a missing one. */
@Injectable()
export class SubscriptionAccess {
  constructor(
    private readonly organizations: OrganizationAccess,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async load(actor: ActorDto, organizationId: string, subscriptionId: string, roles: readonly Role[], action: string): Promise<ExistingSubscription> {
    return (await this.loadWithRevision(actor, organizationId, subscriptionId, roles, action)).state;
  }

  /** As load, with the revision of the subscription's stream. */
  async loadWithRevision(actor: ActorDto, organizationId: string, subscriptionId: string, roles: readonly Role[], action: string): Promise<{ state: ExistingSubscription; revision: bigint }> {
    await this.organizations.check(actor, organizationId, roles, action);
    const { state, revision } = await this.subscriptions.load(subscriptionId);
    if (state.status === 'none' || revision === undefined || state.organizationId !== organizationId || !maySeeSubscription(actor, state)) throw new SubscriptionNotFoundError(subscriptionId);
    return { state, revision };
  }
}

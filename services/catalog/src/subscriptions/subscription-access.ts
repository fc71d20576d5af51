import { Injectable } from '@nestjs/common';
import { organizationReaders, type ActorDto } from '@broker/contracts';
import { OrganizationAccessClient, type OrganizationRule } from '@broker/runtime';
import { CatalogForbiddenError } from '../products/domain/product.errors';
import type { ExistingSubscription } from './domain/subscription.decider';
import { SubscriptionNotFoundError } from './domain/subscription.errors';
import { SubscriptionRepository } from './subscription.repository';

export const SUBSCRIPTION_READERS: OrganizationRule = {
  roles: organizationReaders('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin', 'org_user'),
  forbidden: () => new CatalogForbiddenError('read subscriptions'),
};
export const ASSIGNMENT_WRITERS: OrganizationRule = { roles: ['reseller_admin', 'org_admin'], forbidden: () => new CatalogForbiddenError('assign licences') };

/** An `org_user` sees only the subscriptions whose licences it holds. */
export function maySeeSubscription(actor: ActorDto, subscription: Pick<ExistingSubscription, 'assignedUserIds'>): boolean {
  return actor.role !== 'org_user' || subscription.assignedUserIds.includes(actor.userId);
}

/** One subscription of an organization the actor may see; another organization's answers exactly like a missing one. */
@Injectable()
export class SubscriptionAccess {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async load(actor: ActorDto, organizationId: string, subscriptionId: string, rule: OrganizationRule): Promise<ExistingSubscription> {
    return (await this.loadWithRevision(actor, organizationId, subscriptionId, rule)).state;
  }

  /** As load, with the revision of the subscription's stream. */
  async loadWithRevision(actor: ActorDto, organizationId: string, subscriptionId: string, rule: OrganizationRule): Promise<{ state: ExistingSubscription; revision: bigint }> {
    await this.organizations.authorize(actor, organizationId, rule);
    const { state, revision } = await this.subscriptions.load(subscriptionId);
    if (state.status === 'none' || revision === undefined || state.organizationId !== organizationId || !maySeeSubscription(actor, state)) throw new SubscriptionNotFoundError(subscriptionId);
    return { state, revision };
  }
}

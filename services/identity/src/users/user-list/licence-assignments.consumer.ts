import { Injectable } from '@nestjs/common';
import { CatalogEvents } from '@broker/contracts';
import { eventHandlers, on } from '@broker/messaging';
import type { CollectionDefinition, UnitOfWork } from '@broker/read-models';
import type { ConsumerDefinition, EventConsumer } from '@broker/runtime';
import { USER_SERVICES_COUNT, type UserServicesCount } from './user-services-count';

/** The holders of each subscription as last applied, so each change is applied as a difference, once and in order. */
export const SUBSCRIPTION_HOLDERS: CollectionDefinition = { name: 'subscription_licence_holders', indexes: { organizationId: 'string' } };

export interface SubscriptionHolders {
  subscriptionId: string;
  organizationId: string;
  userIds: string[];
  subscriptionRevision: number;
}

/**
 * Keeps each user's `servicesCount` equal to the number of subscriptions whose licences they hold. Every event
 * carries the full set of holders after a change: the users who left it lose the subscription, those who joined
 * gain it (a move updates both). A change older than the one applied for that subscription is ignored, so a late
 * or repeated delivery changes nothing.
 */
export const licenceAssignmentHandlers = eventHandlers(
  on(CatalogEvents.licencesAssigned, async (envelope, uow) => {
    const { subscriptionId, organizationId, userIds, previousUserIds, subscriptionRevision } = envelope.data;
    const known = await uow.get<SubscriptionHolders>(SUBSCRIPTION_HOLDERS.name, subscriptionId);
    if (known && known.data.subscriptionRevision >= subscriptionRevision) return;
    const before = new Set(known?.data.userIds ?? previousUserIds);
    const after = new Set(userIds);
    for (const userId of before) if (!after.has(userId)) await changeHeld(uow, userId, organizationId, subscriptionId, 'remove');
    for (const userId of after) if (!before.has(userId)) await changeHeld(uow, userId, organizationId, subscriptionId, 'add');
    await uow.upsert<SubscriptionHolders>(SUBSCRIPTION_HOLDERS.name, subscriptionId, { subscriptionId, organizationId, userIds: [...after], subscriptionRevision });
  }),
);

/** The `catalog` consumer: licence holders from the catalog's events. */
@Injectable()
export class LicenceAssignmentsConsumer implements EventConsumer {
  consumers(): ConsumerDefinition[] {
    return [{ name: 'catalog', from: 'catalog', handlers: licenceAssignmentHandlers }];
  }
}

async function changeHeld(uow: UnitOfWork, userId: string, organizationId: string, subscriptionId: string, change: 'add' | 'remove'): Promise<void> {
  const doc = await uow.get<UserServicesCount>(USER_SERVICES_COUNT.name, userId);
  const held = new Set(doc?.data.subscriptionIds ?? []);
  if (change === 'add') held.add(subscriptionId);
  else held.delete(subscriptionId);
  const subscriptionIds = [...held];
  await uow.upsert<UserServicesCount>(USER_SERVICES_COUNT.name, userId, { userId, organizationId, servicesCount: subscriptionIds.length, subscriptionIds });
}

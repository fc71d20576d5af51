import { Injectable } from '@nestjs/common';
import { IdentityEvents } from '@broker/contracts';
import { eventHandlers, on } from '@broker/messaging';
import type { CollectionDefinition, DocumentReader, UnitOfWork } from '@broker/read-models';
import type { ConsumerDefinition, EventConsumer } from '@broker/runtime';

/**
 * Users per organization, from identity's integration events.
 *
 * Two writers, two collections: this consumer alone writes these documents, the organization list projection
 * alone writes its own, and the list query joins them on read. Neither can overwrite the other's work, and each
 * keeps its own position (projection checkpoint, consumer inbox).
 *
 * A member document per user makes the count exact whatever the order of delivery: a user counts once when
 * registered, and stops counting once deleted, even when the deletion arrives first (it leaves a tombstone).
 */
export const ORGANIZATION_USER_COUNTS: CollectionDefinition = { name: 'organization_user_counts', indexes: {} };
export const ORGANIZATION_USER_MEMBERS: CollectionDefinition = { name: 'organization_user_members', indexes: { organizationId: 'string' } };

export interface OrganizationUserCount {
  organizationId: string;
  usersCount: number;
}

interface OrganizationUserMember {
  userId: string;
  organizationId: string;
  status: 'counted' | 'deleted';
}

async function addToCount(uow: UnitOfWork, organizationId: string, delta: number): Promise<void> {
  const current = await uow.get<OrganizationUserCount>(ORGANIZATION_USER_COUNTS.name, organizationId);
  const usersCount = Math.max(0, (current?.data.usersCount ?? 0) + delta);
  await uow.upsert<OrganizationUserCount>(ORGANIZATION_USER_COUNTS.name, organizationId, { organizationId, usersCount });
}

export const organizationUserCountHandlers = eventHandlers(
  on(IdentityEvents.userRegistered, async (envelope, uow) => {
    const { userId, organizationId } = envelope.data;
    if (!organizationId) return; // platform and reseller admins belong to no organization
    const member = await uow.get<OrganizationUserMember>(ORGANIZATION_USER_MEMBERS.name, userId);
    if (member) return; // counted already, or deleted before this arrived
    await uow.upsert<OrganizationUserMember>(ORGANIZATION_USER_MEMBERS.name, userId, { userId, organizationId, status: 'counted' });
    await addToCount(uow, organizationId, 1);
  }),

  on(IdentityEvents.userDeleted, async (envelope, uow) => {
    const { userId, organizationId } = envelope.data;
    if (!organizationId) return;
    const member = await uow.get<OrganizationUserMember>(ORGANIZATION_USER_MEMBERS.name, userId);
    if (member?.data.status === 'deleted') return;
    await uow.upsert<OrganizationUserMember>(ORGANIZATION_USER_MEMBERS.name, userId, { userId, organizationId, status: 'deleted' });
    if (member?.data.status === 'counted') await addToCount(uow, member.data.organizationId, -1);
  }),
);

/** The `identity-users` consumer: user counts from identity's events. */
@Injectable()
export class OrganizationUserCountsConsumer implements EventConsumer {
  consumers(): ConsumerDefinition[] {
    return [{ name: 'identity-users', from: 'identity', handlers: organizationUserCountHandlers }];
  }
}

export async function usersCountOf(reader: DocumentReader, organizationId: string): Promise<number> {
  return (await reader.get<OrganizationUserCount>(ORGANIZATION_USER_COUNTS.name, organizationId))?.data.usersCount ?? 0;
}

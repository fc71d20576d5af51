import { Injectable } from '@nestjs/common';
import { OrganizationsEvents } from '@broker/contracts';
import { eventHandlers, on } from '@broker/messaging';
import type { CollectionDefinition, DocumentReader, UnitOfWork } from '@broker/read-models';
import type { ConsumerDefinition, EventConsumer } from '@broker/runtime';

/**
 * The current name of each organization, from the organizations service's integration events, for the pending
 * approvals list. Only this consumer writes these documents; the list joins them on read. Each name keeps the
 * time it was set, so a late redelivery of an older event never overwrites a newer name.
 */
export const ORGANIZATION_NAMES: CollectionDefinition = { name: 'organization_names', indexes: {} };

export interface OrganizationName {
  organizationId: string;
  resellerId: string;
  name: string;
  /** When this name was set (creation or change time). */
  at: string;
}

async function keepNewer(uow: UnitOfWork, next: OrganizationName, replacesEqual: boolean): Promise<void> {
  const current = await uow.get<OrganizationName>(ORGANIZATION_NAMES.name, next.organizationId);
  if (current && (current.data.at > next.at || (current.data.at === next.at && !replacesEqual))) return;
  await uow.upsert<OrganizationName>(ORGANIZATION_NAMES.name, next.organizationId, next);
}

export const organizationNameHandlers = eventHandlers(
  on(OrganizationsEvents.organizationCreated, async (envelope, uow) => {
    const { organizationId, resellerId, name, createdAt } = envelope.data;
    await keepNewer(uow, { organizationId, resellerId, name, at: createdAt }, false);
  }),

  on(OrganizationsEvents.organizationChanged, async (envelope, uow) => {
    const { organizationId, resellerId, name, changedAt } = envelope.data;
    await keepNewer(uow, { organizationId, resellerId, name, at: changedAt }, true);
  }),
);

/** The `organization-names` consumer of the organizations service's events. */
@Injectable()
export class OrganizationNamesConsumer implements EventConsumer {
  consumers(): ConsumerDefinition[] {
    return [{ name: 'organization-names', from: 'organizations', handlers: organizationNameHandlers }];
  }
}

export async function organizationNameOf(reader: DocumentReader, organizationId: string): Promise<string | null> {
  return (await reader.get<OrganizationName>(ORGANIZATION_NAMES.name, organizationId))?.data.name ?? null;
}

import { Injectable } from '@nestjs/common';
import { OrganizationsEvents } from '@broker/contracts';
import { eventHandlers, on } from '@broker/messaging';
import type { CollectionDefinition } from '@broker/read-models';
import type { ConsumerDefinition, EventConsumer } from '@broker/runtime';

/** The resellers identity knows of, from the organizations service's integration events. */
export const RESELLER_DIRECTORY: CollectionDefinition = { name: 'reseller_directory', indexes: { name: 'string' } };

export interface ResellerDirectoryEntry {
  resellerId: string;
  name: string;
  currency: string;
  createdAt: string;
}

export const resellerDirectoryHandlers = eventHandlers(
  on(OrganizationsEvents.resellerCreated, async (envelope, uow) => {
    const { resellerId, name, currency, createdAt } = envelope.data;
    await uow.upsert<ResellerDirectoryEntry>(RESELLER_DIRECTORY.name, resellerId, { resellerId, name, currency, createdAt });
  }),
);

/** The `organizations` consumer: the reseller directory from the organizations service's events. */
@Injectable()
export class ResellerDirectoryConsumer implements EventConsumer {
  consumers(): ConsumerDefinition[] {
    return [{ name: 'organizations', from: 'organizations', handlers: resellerDirectoryHandlers }];
  }
}

import { Injectable } from '@nestjs/common';
import { OrganizationsEventTypes, type IntegrationEventEnvelope, type ResellerCreatedV1 } from '@broker/contracts';
import type { IntegrationEventHandlers } from '@broker/messaging';
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

export const resellerDirectoryHandlers: IntegrationEventHandlers = {
  [OrganizationsEventTypes.resellerCreated]: async (envelope: IntegrationEventEnvelope<ResellerCreatedV1>, uow) => {
    const { resellerId, name, currency, createdAt } = envelope.data;
    await uow.upsert<ResellerDirectoryEntry>(RESELLER_DIRECTORY.name, resellerId, { resellerId, name, currency, createdAt });
  },
};

/** The `organizations` consumer: the reseller directory from the organizations service's events. */
@Injectable()
export class ResellerDirectoryConsumer implements EventConsumer {
  consumers(): ConsumerDefinition[] {
    return [{ name: 'organizations', from: 'organizations', handlers: resellerDirectoryHandlers }];
  }
}

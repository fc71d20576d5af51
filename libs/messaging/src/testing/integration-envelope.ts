import { randomUUID } from 'node:crypto';
import type { EventContract, IntegrationEventEnvelope } from '@broker/contracts';

/**
 * An integration event as its publisher would send it, for tests that feed consumers directly: the payload is
 * checked against the contract. Ids are fresh, the time is now and the tenant empty unless given.
 */
export function integrationEnvelope<TData>(
  contract: EventContract<TData>,
  data: NoInfer<TData>,
  fields: Partial<Omit<IntegrationEventEnvelope, 'type' | 'data'>> = {},
): IntegrationEventEnvelope<TData> {
  return {
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    resellerId: null,
    organizationId: null,
    ...fields,
    type: contract.type,
    data,
  };
}

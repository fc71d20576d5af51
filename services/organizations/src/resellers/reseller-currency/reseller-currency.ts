import type { EventStore } from '@broker/event-sourcing';
import { resellerStreamId, type ResellerEvent } from '../domain/reseller.events';

/** A reseller's currency, or null for a reseller that does not exist: fixed at creation, so its first event says it. */
export async function readResellerCurrency(store: EventStore, resellerId: string): Promise<string | null> {
  const [first] = await store.readStream(resellerStreamId(resellerId), { maxCount: 1 });
  const created = first ? ({ type: first.type, data: first.data } as ResellerEvent) : null;
  return created?.type === 'ResellerCreated' ? created.data.currency : null;
}

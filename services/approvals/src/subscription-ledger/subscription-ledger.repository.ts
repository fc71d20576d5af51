import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { subscriptionLedgerDecider, type SubscriptionLedgerCommand, type SubscriptionLedgerState } from './domain/subscription-ledger.decider';
import { asSubscriptionLedgerEvent, subscriptionLedgerStreamId, type SubscriptionLedgerEvent } from './domain/subscription-ledger.events';

/**
 * A subscription's ledger as read now, plus events still to be written with the next append (an adoption): `state`
 * already includes them, `revision` does not.
 */
export interface LedgerSnapshot {
  subscriptionId: string;
  state: SubscriptionLedgerState;
  revision: bigint | undefined;
  pending: SubscriptionLedgerEvent[];
}

/** Subscription ledgers read from their streams: a read right after an approval sees it. */
@Injectable()
export class SubscriptionLedgerRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(subscriptionId: string): Promise<LedgerSnapshot> {
    const recorded = await this.store.readStream(subscriptionLedgerStreamId(subscriptionId));
    const state = recorded.map(asSubscriptionLedgerEvent).reduce(subscriptionLedgerDecider.evolve, subscriptionLedgerDecider.initialState());
    return { subscriptionId, state, revision: recorded.length > 0 ? recorded[recorded.length - 1]!.revision : undefined, pending: [] };
  }
}

/** The snapshot after deciding `command` on it: new events join the pending ones. */
export function decideOnLedger(snapshot: LedgerSnapshot, command: SubscriptionLedgerCommand): LedgerSnapshot {
  const events = subscriptionLedgerDecider.decide(command, snapshot.state);
  return { ...snapshot, state: events.reduce(subscriptionLedgerDecider.evolve, snapshot.state), pending: [...snapshot.pending, ...events] };
}

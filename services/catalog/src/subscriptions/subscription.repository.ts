import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { subscriptionDecider, type SubscriptionCommand, type SubscriptionState } from './domain/subscription.decider';
import { subscriptionStreamId, type SubscriptionEvent } from './domain/subscription.events';

export interface SubscriptionOutcome {
  newEvents: SubscriptionEvent[];
  state: SubscriptionState;
}

/** Subscriptions from their streams (a read right after a write sees it). */
@Injectable()
export class SubscriptionRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(subscriptionId: string): Promise<{ state: SubscriptionState; revision: bigint | undefined }> {
    const events = await this.store.readStream(subscriptionStreamId(subscriptionId));
    const state = events.reduce((s, e) => subscriptionDecider.evolve(s, { type: e.type, data: e.data } as SubscriptionEvent), subscriptionDecider.initialState());
    return { state, revision: events.length > 0 ? events[events.length - 1]!.revision : undefined };
  }

  /**
   * Loads, decides and appends at the loaded revision; a concurrent append (an approval applied while an admin
   * assigns) decides again on the newer state. `eventId(i)` names the i-th new event: ids derived from a message
   * make a redelivered message append nothing twice.
   */
  async execute(subscriptionId: string, command: SubscriptionCommand, metadata: EventMetadata, eventId: (index: number) => string = () => randomUUID(), retries = 5): Promise<SubscriptionOutcome> {
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.load(subscriptionId);
      const newEvents = subscriptionDecider.decide(command, state);
      if (newEvents.length === 0) return { newEvents, state };
      try {
        await this.store.appendToStream(
          subscriptionStreamId(subscriptionId),
          newEvents.map((event, i) => ({ id: eventId(i), type: event.type, data: { ...event.data }, metadata: { ...metadata } })),
          revision ?? 'no_stream',
        );
        return { newEvents, state: newEvents.reduce(subscriptionDecider.evolve, state) };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= retries) throw error;
      }
    }
  }

  /**
   * As execute, for a request (random event ids), answering the stream's revision after the command too. With
   * `atRevision` (a change under a known version, If-Match) it decides only on the subscription at that revision
   * and appends at exactly it, once: a concurrent append fails with WrongExpectedRevisionError.
   */
  async executeAt(subscriptionId: string, command: SubscriptionCommand, metadata: EventMetadata, atRevision?: bigint, retries = 5): Promise<SubscriptionOutcome & { revision: bigint | undefined }> {
    const streamId = subscriptionStreamId(subscriptionId);
    for (let attempt = 0; ; attempt++) {
      const { state, revision } = await this.load(subscriptionId);
      if (atRevision !== undefined && revision !== atRevision) throw new WrongExpectedRevisionError(streamId, atRevision, revision ?? 'no_stream');
      const newEvents = subscriptionDecider.decide(command, state);
      if (newEvents.length === 0) return { newEvents, state, revision };
      try {
        const appended = await this.store.appendToStream(
          streamId,
          newEvents.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data }, metadata: { ...metadata } })),
          revision ?? 'no_stream',
        );
        return { newEvents, state: newEvents.reduce(subscriptionDecider.evolve, state), revision: appended.nextExpectedRevision };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || atRevision !== undefined || attempt >= retries) throw error;
      }
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { budgetsDecider, type BudgetsCommand, type BudgetsState } from './domain/budgets.decider';
import { budgetsStreamId, type BudgetsEvent } from './domain/budgets.events';

/** How many times a write that lost a race reloads and decides again. */
const ATTEMPTS = 5;

/** An organization's budgets from their stream: a budget set a moment ago holds the very next order. */
@Injectable()
export class BudgetsRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(organizationId: string): Promise<{ state: BudgetsState; revision: bigint | undefined }> {
    const events = await this.store.readStream(budgetsStreamId(organizationId));
    const state = events.reduce((s, e) => budgetsDecider.evolve(s, { type: e.type, data: e.data } as unknown as BudgetsEvent), budgetsDecider.initialState());
    return { state, revision: events.at(-1)?.revision };
  }

  /**
   * Decides against the stream as it is and appends under its revision; a write that lost a race decides again, so
   * of two notices of one threshold in one period exactly one is recorded.
   */
  async execute(organizationId: string, command: BudgetsCommand, metadata: EventMetadata): Promise<BudgetsState> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(organizationId);
      const events = budgetsDecider.decide(command, state);
      if (events.length === 0) return state;
      try {
        await this.store.appendToStream(
          budgetsStreamId(organizationId),
          events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data } as Record<string, unknown>, metadata: { ...metadata } })),
          revision ?? 'no_stream',
        );
        return events.reduce(budgetsDecider.evolve, state);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}

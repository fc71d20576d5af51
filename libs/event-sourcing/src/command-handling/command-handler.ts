import { randomUUID } from 'node:crypto';
import type { Decider, DomainEvent } from '../decider/decider';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventMetadata, EventStore, EventToAppend, ExpectedRevision } from '../event-store/event-store.port';

export interface CommandHandlerOptions {
  /** Copied onto every new event (correlation, causation, actor, tenant). */
  metadata?: EventMetadata;
  /** Id of each new event; a random UUID by default. */
  newEventId?: () => string;
  /** How many times a concurrency conflict reloads the stream and decides again; 0 surfaces the first conflict. */
  retries?: number;
}

export interface CommandHandlerResult<State, Event> {
  newEvents: Event[];
  newState: State;
  /** The stream's revision after the command; -1n when the stream still does not exist. */
  nextExpectedRevision: bigint;
}

/**
 * Loads a stream, decides, appends with optimistic concurrency. To read old event shapes, pass an
 * `UpcastingEventStore`. Errors thrown by `decide` propagate unchanged.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: CommandHandlerOptions = {},
): Promise<CommandHandlerResult<State, Event>> {
  const retries = options.retries ?? 0;
  const newEventId = options.newEventId ?? randomUUID;
  for (let attempt = 0; ; attempt++) {
    const { state, revision } = await loadState(store, streamId, decider);
    const newEvents = decider.decide(command, state);
    const newState = newEvents.reduce((current, event) => decider.evolve(current, event), state);
    if (newEvents.length === 0) return { newEvents, newState, nextExpectedRevision: revision ?? -1n };

    const toAppend = newEvents.map((event) => toEventToAppend(event, newEventId(), options.metadata));
    const expected: ExpectedRevision = revision ?? 'no_stream';
    try {
      const result = await store.appendToStream(streamId, toAppend, expected);
      return { newEvents, newState, nextExpectedRevision: result.nextExpectedRevision };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= retries) throw error;
    }
  }
}

/** The same handler bound to one store and decider, for a service's use cases. */
export function commandHandlerFor<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  defaults: CommandHandlerOptions = {},
): (streamId: string, command: Command, options?: CommandHandlerOptions) => Promise<CommandHandlerResult<State, Event>> {
  return (streamId, command, options = {}) => handleCommand(store, streamId, decider, command, { ...defaults, ...options });
}

async function loadState<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<unknown, Event, State>,
): Promise<{ state: State; revision: bigint | undefined }> {
  const recorded = await store.readStream(streamId);
  let state = decider.initialState();
  for (const event of recorded) {
    state = decider.evolve(state, { type: event.type, data: event.data } as Event);
  }
  return { state, revision: recorded.length > 0 ? recorded[recorded.length - 1]!.revision : undefined };
}

function toEventToAppend(event: DomainEvent, id: string, metadata: EventMetadata | undefined): EventToAppend {
  const appended: EventToAppend = { id, type: event.type, data: event.data as Record<string, unknown> };
  if (metadata) appended.metadata = { ...metadata };
  return appended;
}

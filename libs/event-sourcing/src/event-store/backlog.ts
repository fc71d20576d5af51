import type { EventStore, GlobalPosition } from './event-store.port';

export interface Backlog {
  /** Events after the position (of the given types), counted up to the limit. */
  events: number;
  /** Age of the oldest of them in seconds; 0 when there are none. */
  oldestAgeSeconds: number;
}

/** What a reader that has got to `after` still has to read: how many events and how old the oldest is. */
export async function backlogAfter(store: EventStore, after: GlobalPosition, limit: number, eventTypes?: readonly string[]): Promise<Backlog> {
  const { events } = await store.readAll({ after, maxCount: limit, ...(eventTypes ? { eventTypes } : {}) });
  const oldest = events[0];
  return { events: events.length, oldestAgeSeconds: oldest ? Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000) : 0 };
}

import type { EventToAppend, ExpectedRevision, StreamAppend } from './event-store.port';

/** Rules every adapter applies the same way, so they agree on what an append means. */

export function expectedRevisionMatches(expected: ExpectedRevision, actual: bigint | 'no_stream'): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

/** Rejects requests no adapter can honour (a programming error, not a conflict). */
export function validateAppend(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (!streamId) throw new TypeError('appendToStream: streamId is empty');
  if (typeof expected === 'bigint' && expected < 0n) {
    throw new RangeError(`appendToStream: expected revision ${expected} is negative (use 'no_stream')`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (!event.id) throw new TypeError(`appendToStream: an event of type ${event.type} has no id`);
    if (ids.has(event.id)) throw new TypeError(`appendToStream: event id ${event.id} appears twice in one batch`);
    ids.add(event.id);
  }
}

/** The rules of appendToStream for each part, plus: at least one part, each stream once, no empty part, no id twice. */
export function validateMultiAppend(appends: readonly StreamAppend[]): void {
  if (appends.length === 0) throw new TypeError('appendToStreams: nothing to append');
  const streams = new Set<string>();
  const ids = new Set<string>();
  for (const { streamId, events, expected } of appends) {
    validateAppend(streamId, events, expected);
    if (events.length === 0) throw new TypeError(`appendToStreams: no events for stream ${streamId}`);
    if (streams.has(streamId)) throw new TypeError(`appendToStreams: stream ${streamId} appears twice`);
    streams.add(streamId);
    for (const event of events) {
      if (ids.has(event.id)) throw new TypeError(`appendToStreams: event id ${event.id} appears twice`);
      ids.add(event.id);
    }
  }
}

export interface StoredEventRef {
  streamId: string;
  revision: bigint;
}

/**
 * A retried append (same ids after a lost reply) is recognised when every id of the batch is already stored in
 * that stream, at consecutive revisions in batch order. Returns the stored entry of the batch's last event, or
 * undefined when the batch is not an exact replay (then the append is a conflict).
 */
export function findIdempotentReplay<T extends StoredEventRef>(
  streamId: string,
  ids: readonly string[],
  stored: ReadonlyMap<string, T>,
): T | undefined {
  if (ids.length === 0) return undefined;
  const first = stored.get(ids[0]!);
  if (!first || first.streamId !== streamId) return undefined;
  let last = first;
  for (let i = 1; i < ids.length; i++) {
    const found = stored.get(ids[i]!);
    if (!found || found.streamId !== streamId || found.revision !== first.revision + BigInt(i)) return undefined;
    last = found;
  }
  return last;
}

import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import {
  comparePositions,
  START,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadAllResult,
} from '../event-store/event-store.port';

/** An append whose transaction stays open until the test says so. */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface EventStoreContractSubject {
  store: EventStore;
  teardown(): Promise<void>;
  /**
   * Adapter-specific: performs the append in a transaction that is neither committed nor rolled back until told.
   * Resolves once the events are written (inside the open transaction). Without it the gap-safety tests are skipped.
   */
  holdAppendOpen?(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<HeldAppend>;
}

/** How long a test waits for committed events to become readable (other transactions may delay them). */
const VISIBILITY_TIMEOUT_MS = 10_000;
/** Per test: jest's default of 5 s is too short for the hard cases on a busy 2-core machine. */
const TEST_TIMEOUT_MS = 60_000;
const CONCURRENT_WRITERS = 20;
const ROUNDS = 3;

function spec(name: string, body: () => Promise<void>): void {
  it(name, body, TEST_TIMEOUT_MS);
}

function streamName(category = 'contract'): string {
  return `${category}-${randomUUID()}`;
}

function anEvent(type = 'SomethingHappened', data: Record<string, unknown> = { value: randomUUID() }): EventToAppend {
  return { id: randomUUID(), type, data };
}

function batch(size: number, type = 'SomethingHappened'): EventToAppend[] {
  return Array.from({ length: size }, (_, index) => anEvent(type, { index }));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function expectConflict(
  promise: Promise<unknown>,
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint | 'no_stream',
): Promise<void> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ code: 'EVENT_STORE.WRONG_EXPECTED_REVISION', streamId, expected, actual });
}

/**
 * Reads the global log until `done` holds or the visibility timeout passes (then returns the last read, so the
 * caller's assertion fails with the content). A committed event may stay invisible while an older transaction
 * anywhere is still open: that is the gap-safety rule, not a fault.
 */
async function readAllUntil(
  store: EventStore,
  options: ReadAllOptions,
  done: (result: ReadAllResult) => boolean,
): Promise<ReadAllResult> {
  const deadline = Date.now() + VISIBILITY_TIMEOUT_MS;
  for (;;) {
    const result = await store.readAll(options);
    if (done(result) || Date.now() > deadline) return result;
    await store.waitForEvents(50);
  }
}

function ids(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}

function containsAll(wanted: readonly string[]): (result: ReadAllResult) => boolean {
  return (result) => {
    const seen = new Set(ids(result.events));
    return wanted.every((id) => seen.has(id));
  };
}

async function raceWithGuard(promise: Promise<void>, guardMs: number): Promise<'resolved' | 'guard'> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'guard'>((resolve) => {
    timer = setTimeout(() => resolve('guard'), guardMs);
  });
  try {
    return await Promise.race([promise.then(() => 'resolved' as const), guard]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The one contract every EventStore adapter must pass. `setup` gives a fresh, empty store per test.
 */
export function describeEventStoreContract(adapterName: string, setup: () => Promise<EventStoreContractSubject>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let subject: EventStoreContractSubject;
    let store: EventStore;

    beforeEach(async () => {
      subject = await setup();
      store = subject.store;
    }, TEST_TIMEOUT_MS);

    afterEach(async () => {
      await subject?.teardown();
    }, TEST_TIMEOUT_MS);

    describe('streams', () => {
      spec('appends a batch to a new stream and reads it back in revision order', async () => {
        const streamId = streamName();
        const events = [anEvent('Opened', { name: 'a' }), anEvent('Renamed', { name: 'b' }), anEvent('Closed', { at: 3 })];

        const result = await store.appendToStream(streamId, events, 'no_stream');

        expect(result.nextExpectedRevision).toBe(2n);
        const read = await store.readStream(streamId);
        expect(read.map((event) => [event.id, event.type, event.data, event.revision, event.streamId])).toEqual([
          [events[0]!.id, 'Opened', { name: 'a' }, 0n, streamId],
          [events[1]!.id, 'Renamed', { name: 'b' }, 1n, streamId],
          [events[2]!.id, 'Closed', { at: 3 }, 2n, streamId],
        ]);
        for (const event of read) expect(event.recordedAt).toBeInstanceOf(Date);
        expect(comparePositions(read[0]!.position, read[1]!.position)).toBeLessThan(0);
        expect(comparePositions(read[1]!.position, read[2]!.position)).toBeLessThan(0);
        expect(read[2]!.position).toEqual(result.position);
      });

      spec('reads a stream that does not exist as an empty array', async () => {
        await expect(store.readStream(streamName())).resolves.toEqual([]);
      });

      spec('keeps streams apart', async () => {
        const first = streamName();
        const second = streamName();
        await store.appendToStream(first, [anEvent('A')], 'no_stream');
        await store.appendToStream(second, [anEvent('B')], 'no_stream');
        expect((await store.readStream(first)).map((event) => event.type)).toEqual(['A']);
        expect((await store.readStream(second)).map((event) => [event.type, event.revision])).toEqual([['B', 0n]]);
      });

      spec('reads from a revision and at most maxCount events', async () => {
        const streamId = streamName();
        const events = batch(5);
        await store.appendToStream(streamId, events, 'no_stream');

        expect(ids(await store.readStream(streamId, { fromRevision: 2n }))).toEqual(ids(events.slice(2)));
        expect(ids(await store.readStream(streamId, { maxCount: 2 }))).toEqual(ids(events.slice(0, 2)));
        expect(ids(await store.readStream(streamId, { fromRevision: 1n, maxCount: 3 }))).toEqual(ids(events.slice(1, 4)));
        expect(await store.readStream(streamId, { fromRevision: 5n })).toEqual([]);
      });

      spec('round-trips metadata and schema versions, defaulting to version 1 and empty metadata', async () => {
        const streamId = streamName();
        const metadata = { correlationId: randomUUID(), causationId: randomUUID(), actorId: 'user-1', custom: { nested: [1, 2] } };
        await store.appendToStream(
          streamId,
          [
            { id: randomUUID(), type: 'Versioned', schemaVersion: 3, data: { deep: { list: ['x', 1, true, null] } }, metadata },
            { id: randomUUID(), type: 'Plain', data: {} },
          ],
          'no_stream',
        );

        const [versioned, plain] = await store.readStream(streamId);
        expect(versioned).toMatchObject({ schemaVersion: 3, data: { deep: { list: ['x', 1, true, null] } }, metadata });
        expect(plain).toMatchObject({ schemaVersion: 1, data: {}, metadata: {} });
      });
    });

    describe('expected revision', () => {
      spec('no_stream creates a stream and conflicts once it exists', async () => {
        const streamId = streamName();
        await store.appendToStream(streamId, batch(2), 'no_stream');
        await expectConflict(store.appendToStream(streamId, [anEvent()], 'no_stream'), streamId, 'no_stream', 1n);
      });

      spec('stream_exists conflicts on a missing stream and appends to an existing one', async () => {
        const streamId = streamName();
        await expectConflict(store.appendToStream(streamId, [anEvent()], 'stream_exists'), streamId, 'stream_exists', 'no_stream');
        expect(await store.readStream(streamId)).toEqual([]);

        await store.appendToStream(streamId, [anEvent()], 'no_stream');
        const result = await store.appendToStream(streamId, batch(2), 'stream_exists');
        expect(result.nextExpectedRevision).toBe(2n);
      });

      spec('an exact revision appends only when it is the current one', async () => {
        const streamId = streamName();
        await expectConflict(store.appendToStream(streamId, [anEvent()], 0n), streamId, 0n, 'no_stream');

        await store.appendToStream(streamId, batch(2), 'no_stream');
        await expectConflict(store.appendToStream(streamId, [anEvent()], 0n), streamId, 0n, 1n);
        await expectConflict(store.appendToStream(streamId, [anEvent()], 5n), streamId, 5n, 1n);

        const result = await store.appendToStream(streamId, [anEvent()], 1n);
        expect(result.nextExpectedRevision).toBe(2n);
        expect((await store.readStream(streamId)).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      });

      spec('any appends whether or not the stream exists', async () => {
        const streamId = streamName();
        expect((await store.appendToStream(streamId, [anEvent()], 'any')).nextExpectedRevision).toBe(0n);
        expect((await store.appendToStream(streamId, batch(2), 'any')).nextExpectedRevision).toBe(2n);
      });

      spec('a conflicting append stores nothing', async () => {
        const streamId = streamName();
        const first = batch(2);
        await store.appendToStream(streamId, first, 'no_stream');
        await failure(store.appendToStream(streamId, batch(3), 0n));
        await failure(store.appendToStream(streamId, batch(3), 'no_stream'));
        expect(ids(await store.readStream(streamId))).toEqual(ids(first));
      });
    });

    describe('atomic append to several streams', () => {
      spec('appends to every stream in one commit, results in the order asked', async () => {
        const first = streamName();
        const second = streamName();
        await store.appendToStream(second, [anEvent('Before')], 'no_stream');
        const [a, b] = [batch(2, 'A'), [anEvent('B')]];

        const results = await store.appendToStreams([
          { streamId: second, events: b, expected: 0n },
          { streamId: first, events: a, expected: 'no_stream' },
        ]);

        expect(results.map((result) => result.nextExpectedRevision)).toEqual([1n, 1n]);
        expect(ids(await store.readStream(first))).toEqual(ids(a));
        expect((await store.readStream(second)).map((event) => [event.type, event.revision])).toEqual([['Before', 0n], ['B', 1n]]);
        const read = await readAllUntil(store, {}, containsAll([...ids(a), ...ids(b)]));
        const together = read.events.filter((event) => [...ids(a), ...ids(b)].includes(event.id));
        expect(new Set(together.map((event) => event.position.commit)).size).toBe(1);
      });

      spec('one stream off its expected revision stores nothing in any stream', async () => {
        // Both name orders, so whichever order an adapter writes in, the good part comes first once.
        for (const [fineCategory, staleCategory] of [['aaa', 'zzz'], ['zzz', 'aaa']] as const) {
          const fine = streamName(fineCategory);
          const stale = streamName(staleCategory);
          await store.appendToStream(stale, batch(2), 'no_stream');

          const error = await failure(
            store.appendToStreams([
              { streamId: fine, events: [anEvent()], expected: 'no_stream' },
              { streamId: stale, events: [anEvent()], expected: 0n },
            ]),
          );

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: stale, expected: 0n, actual: 1n });
          expect(await store.readStream(fine)).toEqual([]);
          expect(await store.readStream(stale)).toHaveLength(2);
        }
      });

      spec('repeating the whole append after a lost reply stores nothing twice and answers the same', async () => {
        const appends = [
          { streamId: streamName(), events: [anEvent('X')], expected: 'no_stream' as const },
          { streamId: streamName(), events: batch(2, 'Y'), expected: 'no_stream' as const },
        ];
        const first = await store.appendToStreams(appends);
        const again = await store.appendToStreams(appends);
        expect(again).toEqual(first);
        expect(await store.readStream(appends[1]!.streamId)).toHaveLength(2);
      });

      spec('an append sharing one event id with stored events, but not all, is a conflict', async () => {
        const stored = streamName();
        const event = anEvent();
        await store.appendToStream(stored, [event], 'no_stream');
        const other = streamName();
        await expect(
          store.appendToStreams([
            { streamId: stored, events: [event], expected: 'no_stream' },
            { streamId: other, events: [anEvent()], expected: 'no_stream' },
          ]),
        ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(other)).toEqual([]);
      });

      spec('of concurrent appends sharing a stream at one revision, exactly one wins, whatever their order', async () => {
        const shared = streamName();
        await store.appendToStream(shared, [anEvent()], 'no_stream');
        const attempts = Array.from({ length: 10 }, (_, i) => {
          const own = streamName();
          const parts = [
            { streamId: own, events: [anEvent()], expected: 'no_stream' as const },
            { streamId: shared, events: [anEvent()], expected: 0n },
          ];
          return store.appendToStreams(i % 2 === 0 ? parts : [...parts].reverse()).then(() => own, () => null);
        });
        const winners = (await Promise.all(attempts)).filter((own): own is string => own !== null);
        expect(winners).toHaveLength(1);
        expect(await store.readStream(shared)).toHaveLength(2);
        expect(await store.readStream(winners[0]!)).toHaveLength(1);
      });

      spec('refuses a stream named twice or a part without events', async () => {
        const streamId = streamName();
        await expect(
          store.appendToStreams([
            { streamId, events: [anEvent()], expected: 'any' },
            { streamId, events: [anEvent()], expected: 'any' },
          ]),
        ).rejects.toBeInstanceOf(TypeError);
        await expect(store.appendToStreams([{ streamId, events: [], expected: 'any' }])).rejects.toBeInstanceOf(TypeError);
        expect(await store.readStream(streamId)).toEqual([]);
      });
    });

    describe('global log', () => {
      spec('reads everything after START in commit order, a batch in revision order', async () => {
        const first = streamName();
        const second = streamName();
        const a = batch(3);
        const b = batch(2);
        await store.appendToStream(first, a, 'no_stream');
        await store.appendToStream(second, b, 'no_stream');
        const all = [...ids(a), ...ids(b)];

        const result = await readAllUntil(store, { after: START }, containsAll(all));

        expect(ids(result.events)).toEqual(all);
        for (let i = 1; i < result.events.length; i++) {
          expect(comparePositions(result.events[i - 1]!.position, result.events[i]!.position)).toBeLessThan(0);
        }
        expect(result.lastPosition).toEqual(result.events[result.events.length - 1]!.position);
        expect(result.isFull).toBe(false);
        expect(result.events[3]).toMatchObject({ streamId: second, revision: 0n });
      });

      spec('reads strictly after a position', async () => {
        const streamId = streamName();
        const events = batch(4);
        await store.appendToStream(streamId, events, 'no_stream');
        const everything = await readAllUntil(store, {}, containsAll(ids(events)));

        const rest = await store.readAll({ after: everything.events[1]!.position });

        expect(ids(rest.events)).toEqual(ids(events.slice(2)));
        const nothing = await store.readAll({ after: everything.lastPosition });
        expect(nothing.events).toEqual([]);
        expect(nothing.lastPosition).toEqual(everything.lastPosition);
      });

      spec('pages with maxCount, flags a full page and continues from lastPosition', async () => {
        const streamId = streamName();
        const events = batch(5);
        await store.appendToStream(streamId, events, 'no_stream');
        await readAllUntil(store, {}, containsAll(ids(events)));

        const page1 = await store.readAll({ maxCount: 2 });
        expect(ids(page1.events)).toEqual(ids(events.slice(0, 2)));
        expect(page1.isFull).toBe(true);
        expect(page1.lastPosition).toEqual(page1.events[1]!.position);

        const page2 = await store.readAll({ after: page1.lastPosition, maxCount: 2 });
        expect(ids(page2.events)).toEqual(ids(events.slice(2, 4)));
        const page3 = await store.readAll({ after: page2.lastPosition, maxCount: 2 });
        expect(ids(page3.events)).toEqual(ids(events.slice(4)));
        expect(page3.isFull).toBe(false);
      });

      spec('filters by event type and still advances lastPosition past skipped events', async () => {
        const streamId = streamName();
        const events = [anEvent('Wanted'), anEvent('Other'), anEvent('Wanted'), anEvent('Other'), anEvent('Other')];
        const appended = await store.appendToStream(streamId, events, 'no_stream');
        await readAllUntil(store, {}, containsAll(ids(events)));

        const filtered = await store.readAll({ eventTypes: ['Wanted'] });

        expect(ids(filtered.events)).toEqual([events[0]!.id, events[2]!.id]);
        expect(filtered.isFull).toBe(false);
        expect(comparePositions(filtered.lastPosition, appended.position)).toBeGreaterThanOrEqual(0);
        expect((await store.readAll({ after: filtered.lastPosition })).events).toEqual([]);

        const none = await store.readAll({ eventTypes: ['Missing'] });
        expect(none.events).toEqual([]);
        expect(comparePositions(none.lastPosition, appended.position)).toBeGreaterThanOrEqual(0);

        const fullFiltered = await store.readAll({ eventTypes: ['Wanted'], maxCount: 1 });
        expect(ids(fullFiltered.events)).toEqual([events[0]!.id]);
        expect(fullFiltered.isFull).toBe(true);
        expect(fullFiltered.lastPosition).toEqual(fullFiltered.events[0]!.position);
      });

      spec('an empty store reads as nothing, with lastPosition unchanged', async () => {
        const result = await store.readAll();
        expect(result).toEqual({ events: [], lastPosition: START, isFull: false });
      });
    });

    describe('waitForEvents', () => {
      spec('resolves soon after an append', async () => {
        await store.waitForEvents(2_000); // lets an adapter set up its listener; may return at once
        const waiting = store.waitForEvents(60_000);
        await store.appendToStream(streamName(), [anEvent()], 'no_stream');
        expect(await raceWithGuard(waiting, 10_000)).toBe('resolved');
      });

      spec('resolves on its own timeout when nothing is appended', async () => {
        expect(await raceWithGuard(store.waitForEvents(50), 10_000)).toBe('resolved');
      });

      spec('resolves when aborted', async () => {
        const controller = new AbortController();
        const waiting = store.waitForEvents(60_000, controller.signal);
        controller.abort();
        expect(await raceWithGuard(waiting, 10_000)).toBe('resolved');
      });
    });

    describe('concurrency (hard cases)', () => {
      spec(`lets exactly one of ${CONCURRENT_WRITERS} concurrent writers win each revision, batches never torn`, async () => {
        const streamId = streamName();
        let expected: ExpectedRevision = 'no_stream';
        const winners: EventToAppend[][] = [];

        for (let round = 0; round < ROUNDS; round++) {
          const batches = Array.from({ length: CONCURRENT_WRITERS }, () => batch(2, `Round${round}`));
          const outcomes = await Promise.allSettled(batches.map((events) => store.appendToStream(streamId, events, expected)));

          const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [{ index, result: outcome.value }] : []));
          expect(won).toHaveLength(1);
          const winner = won[0]!;
          expect(winner.result.nextExpectedRevision).toBe(BigInt(round * 2 + 1));
          for (const outcome of outcomes) {
            if (outcome.status === 'rejected') {
              expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
              expect(outcome.reason).toMatchObject({ streamId, expected, actual: winner.result.nextExpectedRevision });
            }
          }
          winners.push(batches[winner.index]!);
          expected = winner.result.nextExpectedRevision;
        }

        const stored = await store.readStream(streamId);
        expect(stored.map((event) => event.revision)).toEqual(Array.from({ length: ROUNDS * 2 }, (_, i) => BigInt(i)));
        expect(ids(stored)).toEqual(ids(winners.flat()));
        const all = await readAllUntil(store, {}, containsAll(ids(winners.flat())));
        expect(ids(all.events)).toEqual(ids(winners.flat()));
      });

      spec('re-appending the same batch after a lost reply succeeds and stores nothing twice', async () => {
        const streamId = streamName();
        const events = batch(3);
        const first = await store.appendToStream(streamId, events, 'no_stream');

        const again = await store.appendToStream(streamId, events, 'no_stream');
        const withAny = await store.appendToStream(streamId, events, 'any');

        expect(again).toEqual(first);
        expect(withAny).toEqual(first);
        expect(ids(await store.readStream(streamId))).toEqual(ids(events));

        const next = batch(2);
        const second = await store.appendToStream(streamId, next, first.nextExpectedRevision);
        expect(await store.appendToStream(streamId, next, first.nextExpectedRevision)).toEqual(second);
        expect(await store.appendToStream(streamId, next, 'any')).toEqual(second);
        expect(await store.appendToStream(streamId, events, 'stream_exists')).toEqual(first);

        const all = await readAllUntil(store, {}, containsAll(ids([...events, ...next])));
        expect(ids(all.events)).toEqual(ids([...events, ...next]));
      });

      spec('a batch whose ids partly exist is a conflict, not a silent duplicate', async () => {
        const streamId = streamName();
        const events = batch(2);
        await store.appendToStream(streamId, events, 'no_stream');

        const overlapping = [events[1]!, anEvent()];
        await expectConflict(store.appendToStream(streamId, overlapping, 1n), streamId, 1n, 1n);
        await expectConflict(store.appendToStream(streamId, overlapping, 'any'), streamId, 'any', 1n);
        const reordered = [events[1]!, events[0]!];
        await expectConflict(store.appendToStream(streamId, reordered, 'any'), streamId, 'any', 1n);

        const elsewhere = streamName();
        await expectConflict(store.appendToStream(elsewhere, events, 'no_stream'), elsewhere, 'no_stream', 'no_stream');

        expect(ids(await store.readStream(streamId))).toEqual(ids(events));
        expect(await store.readStream(elsewhere)).toEqual([]);
      });

      spec(`${CONCURRENT_WRITERS} concurrent re-appends of one batch store it once`, async () => {
        const streamId = streamName();
        const events = batch(3);
        const outcomes = await Promise.allSettled(
          Array.from({ length: CONCURRENT_WRITERS }, (_, i) => store.appendToStream(streamId, events, i % 2 === 0 ? 'no_stream' : 'any')),
        );

        const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
        expect(rejected).toEqual([]);
        const results = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<AppendResult>).value);
        for (const result of results) expect(result).toEqual(results[0]);
        expect(results[0]!.nextExpectedRevision).toBe(2n);
        expect(ids(await store.readStream(streamId))).toEqual(ids(events));
        const all = await readAllUntil(store, {}, containsAll(ids(events)));
        expect(ids(all.events)).toEqual(ids(events));
      });
    });

    describe('gap safety', () => {
      const skipped = (): void => {
        console.info(`[${adapterName}] gap-safety test SKIPPED: the adapter gives no holdAppendOpen hook`);
      };

      spec('never passes an append that is still open while later appends commit', async () => {
        if (!subject.holdAppendOpen) return skipped();
        const a = anEvent('A');
        const b = anEvent('B');
        const c = anEvent('C');
        const d = anEvent('D');
        const posA = (await store.appendToStream(streamName(), [a], 'no_stream')).position;
        await readAllUntil(store, {}, containsAll([a.id]));

        const streamB = streamName();
        const held = await subject.holdAppendOpen(streamB, [b], 'no_stream');
        let whileOpen: ReadAllResult;
        let fromStart: ReadAllResult;
        try {
          const streamC = streamName();
          await store.appendToStream(streamC, [c], 'no_stream');
          await store.appendToStream(streamName(), [d], 'no_stream');
          expect(ids(await store.readStream(streamC))).toEqual([c.id]); // C really is committed

          whileOpen = await store.readAll({ after: posA });
          fromStart = await store.readAll({ after: START });
        } catch (error) {
          await held.rollback();
          throw error;
        }
        await held.commit();

        expect(whileOpen.events).toEqual([]);
        expect(ids(fromStart.events)).not.toContain(c.id);
        expect(ids(fromStart.events)).not.toContain(d.id);
        const [storedB] = await store.readStream(streamB);
        expect(storedB?.id).toBe(b.id);
        expect(comparePositions(whileOpen.lastPosition, storedB!.position)).toBeLessThan(0);
        expect(comparePositions(fromStart.lastPosition, storedB!.position)).toBeLessThan(0);

        const afterCommit = await readAllUntil(store, { after: whileOpen.lastPosition }, containsAll([b.id, c.id, d.id]));
        expect(ids(afterCommit.events).filter((id) => id !== a.id)).toEqual([b.id, c.id, d.id]);
        const afterA = await store.readAll({ after: posA });
        expect(ids(afterA.events)).toEqual([b.id, c.id, d.id]);
      });

      spec('a rolled-back held append never appears and does not block readers afterwards', async () => {
        if (!subject.holdAppendOpen) return skipped();
        const a = anEvent('A');
        const e = anEvent('E');
        const f = anEvent('F');
        const posA = (await store.appendToStream(streamName(), [a], 'no_stream')).position;
        await readAllUntil(store, {}, containsAll([a.id]));

        const streamE = streamName();
        const held = await subject.holdAppendOpen(streamE, [e], 'no_stream');
        let whileOpen: ReadAllResult;
        try {
          await store.appendToStream(streamName(), [f], 'no_stream');
          whileOpen = await store.readAll({ after: posA });
        } finally {
          await held.rollback();
        }
        expect(whileOpen.events).toEqual([]);

        const afterRollback = await readAllUntil(store, { after: posA }, containsAll([f.id]));
        expect(ids(afterRollback.events)).toEqual([f.id]);
        expect(await store.readStream(streamE)).toEqual([]);

        const g = anEvent('G');
        await store.appendToStream(streamE, [g], 'no_stream');
        const later = await readAllUntil(store, { after: afterRollback.lastPosition }, containsAll([g.id]));
        expect(ids(later.events)).toEqual([g.id]);
      });
    });
  });
}

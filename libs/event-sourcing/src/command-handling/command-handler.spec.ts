import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventToAppend, ExpectedRevision } from '../event-store/event-store.port';
import { DomainError } from '../errors/domain-error';
import { approvalDecider, ApprovalAlreadyDecidedError } from '../testing/fixtures/approval-decider.fixture';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { UpcasterRegistry } from '../upcasting/upcaster';
import { UpcastingEventStore } from '../upcasting/upcasting-event-store';
import { commandHandlerFor, handleCommand } from './command-handler';

const streamId = 'approval-11111111-1111-4111-8111-111111111111';
const request = { type: 'RequestApproval' as const, approvalId: 'a-1', amount: 10 };
const approve = { type: 'Decide' as const, approvalId: 'a-1', by: 'u-1', approve: true };

function sequentialIds(): () => string {
  let next = 0;
  return () => `event-${++next}`;
}

/** Lets another writer slip in before the next `times` appends (a concurrent command). */
class RacingStore extends InMemoryEventStore {
  constructor(private times: number) {
    super();
  }
  override async appendToStream(id: string, events: readonly EventToAppend[], expected: ExpectedRevision) {
    if (this.times > 0) {
      this.times--;
      await super.appendToStream(id, [{ id: `intruder-${this.times}`, type: 'Noise', data: {} }], 'any');
    }
    return super.appendToStream(id, events, expected);
  }
}

/** The approval decider, also tolerating the intruder's "Noise" events. */
const ignoringNoise: typeof approvalDecider = {
  ...approvalDecider,
  evolve: (state, event) => ((event.type as string) === 'Noise' ? state : approvalDecider.evolve(state, event)),
};

describe('handleCommand', () => {
  it('creates a stream with no_stream and returns the new events and state', async () => {
    const store = new InMemoryEventStore();
    const append = jest.spyOn(store, 'appendToStream');

    const result = await handleCommand(store, streamId, approvalDecider, request, { newEventId: sequentialIds() });

    expect(result).toEqual({
      newEvents: [{ type: 'ApprovalRequested', data: { approvalId: 'a-1', amount: 10 } }],
      newState: { status: 'pending', approvalId: 'a-1', amount: 10 },
      nextExpectedRevision: 0n,
    });
    expect(append).toHaveBeenCalledWith(streamId, [{ id: 'event-1', type: 'ApprovalRequested', data: { approvalId: 'a-1', amount: 10 } }], 'no_stream');
  });

  it('folds the stored events and appends at the last revision read, with the given metadata', async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, streamId, approvalDecider, request);
    const append = jest.spyOn(store, 'appendToStream');
    const metadata = { correlationId: 'c-1', actorId: 'u-1' };

    const result = await handleCommand(store, streamId, approvalDecider, approve, { metadata });

    expect(append.mock.calls[0]![2]).toBe(0n);
    expect(result.newState).toEqual({ status: 'decided', approvalId: 'a-1', outcome: 'granted' });
    expect(result.nextExpectedRevision).toBe(1n);
    const stored = await store.readStream(streamId);
    expect(stored[1]).toMatchObject({ type: 'ApprovalGranted', data: { approvalId: 'a-1', by: 'u-1' }, metadata, schemaVersion: 1 });
  });

  it("propagates the decider's typed errors unchanged and appends nothing", async () => {
    const store = new InMemoryEventStore();
    await handleCommand(store, streamId, approvalDecider, request);
    await handleCommand(store, streamId, approvalDecider, approve);

    const error = await handleCommand(store, streamId, approvalDecider, approve).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApprovalAlreadyDecidedError);
    expect(error).toMatchObject({ code: 'APPROVAL.ALREADY_DECIDED', details: { approvalId: 'a-1' } });
    expect(error).toBeInstanceOf(DomainError);
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('surfaces a concurrency conflict by default', async () => {
    const store = new RacingStore(1);
    await expect(handleCommand(store, streamId, approvalDecider, request)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('reloads and decides again on a conflict when retries allow', async () => {
    const store = new RacingStore(2);

    const result = await handleCommand(store, streamId, ignoringNoise, request, { retries: 2 });

    expect(result.nextExpectedRevision).toBe(2n);
    const stored = await store.readStream(streamId);
    expect(stored.map((event) => event.type)).toEqual(['Noise', 'Noise', 'ApprovalRequested']);
  });

  it('gives up after the allowed retries', async () => {
    const store = new RacingStore(3);
    await expect(handleCommand(store, streamId, ignoringNoise, request, { retries: 2 })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['Noise', 'Noise', 'Noise']);
  });

  it('appends nothing when the decider returns no events', async () => {
    const store = new InMemoryEventStore();
    const idle = { ...approvalDecider, decide: () => [] };
    await expect(handleCommand(store, streamId, idle, request)).resolves.toEqual({
      newEvents: [],
      newState: { status: 'none' },
      nextExpectedRevision: -1n,
    });
    expect(await store.readStream(streamId)).toEqual([]);
  });

  it('reads old event shapes through an upcasting store and stamps new events with the current version', async () => {
    const inner = new InMemoryEventStore();
    await inner.appendToStream(streamId, [{ id: 'old', type: 'ApprovalRequested', schemaVersion: 1, data: { id: 'a-1', total: 10 } }], 'no_stream');
    const registry = new UpcasterRegistry([
      { eventType: 'ApprovalRequested', fromVersion: 1, upcast: ({ id, total }) => ({ approvalId: id, amount: total }) },
    ]);
    const handle = commandHandlerFor(new UpcastingEventStore(inner, registry), approvalDecider);

    const result = await handle(streamId, approve);

    expect(result.newState).toEqual({ status: 'decided', approvalId: 'a-1', outcome: 'granted' });
    const [oldEvent, newEvent] = await inner.readStream(streamId);
    expect(oldEvent).toMatchObject({ schemaVersion: 1, data: { id: 'a-1', total: 10 } });
    expect(newEvent).toMatchObject({ type: 'ApprovalGranted', schemaVersion: 1 });
  });
});

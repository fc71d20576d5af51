import type { RecordedEvent } from '../event-store/event-store.port';
import { InMemoryEventStore } from '../testing/in-memory-event-store';
import { upcastEvent } from './upcast-event';
import { UpcasterRegistry } from './upcaster';
import { UpcastingEventStore } from './upcasting-event-store';

// OrderPlaced v1 {total} -> v2 {amount} -> v3 {amount: {value, currency}}
const registry = new UpcasterRegistry([
  { eventType: 'OrderPlaced', fromVersion: 2, upcast: (data) => ({ amount: { value: data.amount, currency: 'EUR' } }) },
  { eventType: 'OrderPlaced', fromVersion: 1, upcast: (data) => ({ amount: data.total }) },
  { eventType: 'Gappy', fromVersion: 2, upcast: (data) => ({ ...data, v3: true }) },
]);

function recorded(type: string, schemaVersion: number, data: Record<string, unknown>): RecordedEvent {
  return {
    id: 'e-1',
    streamId: 'order-1',
    revision: 0n,
    position: { commit: 1n, prepare: 1n },
    type,
    schemaVersion,
    data,
    metadata: { correlationId: 'c-1' },
    recordedAt: new Date(0),
  };
}

describe('UpcasterRegistry', () => {
  it('knows the current version of each type (1 without upcasters)', () => {
    expect(registry.currentVersion('OrderPlaced')).toBe(3);
    expect(registry.currentVersion('Gappy')).toBe(3);
    expect(registry.currentVersion('Unknown')).toBe(1);
  });

  it('chains upcasters from any old version up to the current one', () => {
    expect(registry.upcast('OrderPlaced', 1, { total: 5 })).toEqual({ schemaVersion: 3, data: { amount: { value: 5, currency: 'EUR' } } });
    expect(registry.upcast('OrderPlaced', 2, { amount: 7 })).toEqual({ schemaVersion: 3, data: { amount: { value: 7, currency: 'EUR' } } });
  });

  it('passes through the current version, unknown types and versions with no path up', () => {
    const current = { amount: { value: 1, currency: 'USD' } };
    expect(registry.upcast('OrderPlaced', 3, current).data).toBe(current);
    expect(registry.upcast('Unknown', 1, { x: 1 })).toEqual({ schemaVersion: 1, data: { x: 1 } });
    expect(registry.upcast('Gappy', 1, { x: 1 })).toEqual({ schemaVersion: 1, data: { x: 1 } });
    expect(registry.upcast('OrderPlaced', 9, { future: true })).toEqual({ schemaVersion: 9, data: { future: true } });
  });

  it('refuses two upcasters for the same step and invalid versions', () => {
    expect(() => new UpcasterRegistry([
      { eventType: 'A', fromVersion: 1, upcast: (d) => d },
      { eventType: 'A', fromVersion: 1, upcast: (d) => d },
    ])).toThrow(/Two upcasters/);
    expect(() => new UpcasterRegistry([{ eventType: 'A', fromVersion: 0, upcast: (d) => d }])).toThrow(RangeError);
  });
});

describe('upcastEvent', () => {
  it('upcasts data and version and keeps everything else', () => {
    const event = recorded('OrderPlaced', 1, { total: 5 });
    expect(upcastEvent(event, registry)).toEqual({ ...event, schemaVersion: 3, data: { amount: { value: 5, currency: 'EUR' } } });
    expect(event.data).toEqual({ total: 5 });
  });

  it('returns the same event when nothing changes', () => {
    const event = recorded('Unknown', 1, {});
    expect(upcastEvent(event, registry)).toBe(event);
  });
});

describe('UpcastingEventStore', () => {
  async function seeded() {
    const inner = new InMemoryEventStore();
    await inner.appendToStream('order-1', [{ id: 'old', type: 'OrderPlaced', schemaVersion: 1, data: { total: 5 } }], 'no_stream');
    return { inner, store: new UpcastingEventStore(inner, registry) };
  }

  it('upcasts on readStream and readAll', async () => {
    const { store } = await seeded();
    const expected = { schemaVersion: 3, data: { amount: { value: 5, currency: 'EUR' } } };
    expect((await store.readStream('order-1'))[0]).toMatchObject(expected);
    const all = await store.readAll();
    expect(all.events[0]).toMatchObject(expected);
    expect(all.lastPosition).toEqual(all.events[0]!.position);
  });

  it('stamps appended events with the current version of their type unless given', async () => {
    const { inner, store } = await seeded();
    await store.appendToStream(
      'order-1',
      [
        { id: 'new', type: 'OrderPlaced', data: { amount: { value: 1, currency: 'EUR' } } },
        { id: 'explicit', type: 'OrderPlaced', schemaVersion: 2, data: { amount: 2 } },
        { id: 'plain', type: 'Unknown', data: {} },
      ],
      0n,
    );
    const raw = await inner.readStream('order-1');
    expect(raw.map((event) => [event.id, event.schemaVersion])).toEqual([
      ['old', 1],
      ['new', 3],
      ['explicit', 2],
      ['plain', 1],
    ]);
    expect((await store.readStream('order-1', { fromRevision: 2n }))[0]).toMatchObject({ schemaVersion: 3, data: { amount: { value: 2, currency: 'EUR' } } });
  });
});

import type { RecordedEvent } from '@broker/event-sourcing';
import type { Projection } from './projection';
import { projectionCollection } from './projection';
import { batchDocumentIds, evolveBatch, projectionCheckpointName, retryDelay } from './projection-batch';

interface Tally {
  count: number;
  seen: string[];
}

const tallies: Projection<Tally> = {
  name: 'tallies',
  version: 3,
  handles: ['Counted', 'Reset'],
  documentId: (event) => (event.data.key as string | undefined) ?? null,
  evolve: (doc, event) =>
    event.type === 'Reset' ? null : { count: (doc?.count ?? 0) + 1, seen: [...(doc?.seen ?? []), event.id] },
};

let sequence = 0;
function event(type: string, key?: string): RecordedEvent {
  sequence++;
  return {
    id: `e${sequence}`,
    streamId: 's-1',
    revision: BigInt(sequence),
    position: { commit: BigInt(sequence), prepare: BigInt(sequence) },
    type,
    schemaVersion: 1,
    data: key === undefined ? {} : { key },
    metadata: {},
    recordedAt: new Date(0),
  };
}

describe('projection batch', () => {
  it('names the collection and checkpoint after the projection version', () => {
    expect(projectionCollection(tallies)).toBe('tallies_v3');
    expect(projectionCheckpointName(tallies)).toBe('projection:tallies:v3');
  });

  it('lists each touched document once, skipping unhandled events and events without a document', () => {
    const events = [event('Counted', 'b'), event('Other', 'x'), event('Counted'), event('Counted', 'a'), event('Reset', 'b')];
    expect(batchDocumentIds(tallies, events)).toEqual(['b', 'a']);
  });

  it('folds consecutive events of one document on top of its stored state', () => {
    const events = [event('Counted', 'a'), event('Counted', 'b'), event('Counted', 'a')];
    const loaded = new Map<string, Tally | null>([
      ['a', { count: 5, seen: ['old'] }],
      ['b', null],
    ]);
    const result = evolveBatch(tallies, events, loaded);
    expect([...result.keys()]).toEqual(['a', 'b']);
    expect(result.get('a')).toEqual({ count: 7, seen: ['old', events[0]!.id, events[2]!.id] });
    expect(result.get('b')).toEqual({ count: 1, seen: [events[1]!.id] });
  });

  it('yields null for a document the batch deletes, and continues from null after that', () => {
    const events = [event('Counted', 'a'), event('Reset', 'a')];
    expect(evolveBatch(tallies, events, new Map([['a', { count: 1, seen: [] }]])).get('a')).toBeNull();
    const recreated = [event('Reset', 'a'), event('Counted', 'a')];
    expect(evolveBatch(tallies, recreated, new Map([['a', { count: 9, seen: [] }]])).get('a')).toEqual({
      count: 1,
      seen: [recreated[1]!.id],
    });
  });

  it('ignores event types the projection does not handle even when the store returns them', () => {
    expect(evolveBatch(tallies, [event('Other', 'a')], new Map()).size).toBe(0);
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, 100, 1000))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelay(500, 100, 1000)).toBe(1000);
  });
});

import { judge, localShare, wholeSeconds, windowAt } from './window-rules';

describe('rate-limit windows', () => {
  it('aligns windows on the clock, so every replica names the same window for the same moment', () => {
    expect(windowAt(120_000, 60_000)).toEqual({ index: 2, msLeft: 60_000 });
    expect(windowAt(179_999, 60_000)).toEqual({ index: 2, msLeft: 1 });
    expect(windowAt(180_000, 60_000)).toEqual({ index: 3, msLeft: 60_000 });
  });

  it('rounds waits up to whole seconds, at least one', () => {
    expect(wholeSeconds(1)).toBe(1);
    expect(wholeSeconds(0)).toBe(1);
    expect(wholeSeconds(1000)).toBe(1);
    expect(wholeSeconds(1001)).toBe(2);
  });

  it('splits the room left evenly between the live replicas, rounded up', () => {
    expect(localShare(10, 0, 1)).toBe(10);
    expect(localShare(10, 0, 2)).toBe(5);
    expect(localShare(10, 7, 2)).toBe(2);
    expect(localShare(10, 9, 3)).toBe(1);
    expect(localShare(10, 12, 2)).toBe(0);
  });

  it('admits while the total is under the limit and the replica has share left', () => {
    expect(judge({ limit: 10, shared: 0, own: 0, replicas: 1 })).toEqual({ kind: 'admit', remaining: 9 });
    expect(judge({ limit: 10, shared: 8, own: 1, replicas: 1 })).toEqual({ kind: 'admit', remaining: 0 });
    expect(judge({ limit: 10, shared: 4, own: 2, replicas: 2 })).toEqual({ kind: 'admit', remaining: 3 });
  });

  it('refuses at the limit, counting hits not yet shared too', () => {
    expect(judge({ limit: 10, shared: 10, own: 0, replicas: 1 })).toEqual({ kind: 'full' });
    expect(judge({ limit: 10, shared: 6, own: 4, replicas: 2 })).toEqual({ kind: 'full' });
  });

  it('asks to hear from the other replicas when this replica used its share of the room left', () => {
    expect(judge({ limit: 10, shared: 0, own: 5, replicas: 2 })).toEqual({ kind: 'share-used' });
    expect(judge({ limit: 10, shared: 4, own: 3, replicas: 2 })).toEqual({ kind: 'share-used' });
  });

  it('lets replicas that all spend their shares before hearing from each other overshoot by at most replicas - 1', () => {
    for (const replicas of [1, 2, 3, 5]) {
      for (const limit of [1, 2, 7, 10, 100]) {
        for (let shared = 0; shared <= limit; shared++) {
          const admitted = replicas * localShare(limit, shared, replicas);
          expect(shared + admitted).toBeLessThanOrEqual(Math.max(limit, shared) + replicas - 1);
        }
      }
    }
  });
});

import type { RateLimitPolicy } from './rate-limit-policies';
import { SharedCounts } from './shared-counts';

const policy: RateLimitPolicy = { name: 'user', limit: 10, windowSeconds: 60 };
const T0 = 600_000; // the start of a window

/** Replicas that exchange their hits after every `every` requests, the way the NATS channel would. */
function exchange(replicas: SharedCounts[]): void {
  const announcements = replicas.map((r) => r.drainPending());
  replicas.forEach((replica, i) => announcements.forEach((hits, j) => replica.apply(hits, i === j)));
  // Every replica announced in this exchange: each one's own hits are settled.
  replicas.forEach((replica, i) => replica.settle(announcements[i]!));
}

describe('shared rate-limit counts', () => {
  it('counts a key alone up to the limit, then refuses until the next window', () => {
    const counts = new SharedCounts();
    const verdicts = Array.from({ length: 12 }, () => counts.take(policy, 'u1', T0 + 5, 1).verdict.kind);
    expect(verdicts.filter((v) => v === 'admit')).toHaveLength(10);
    expect(verdicts.slice(10)).toEqual(['full', 'full']);
    expect(counts.take(policy, 'u2', T0 + 5, 1).verdict.kind).toBe('admit');
    expect(counts.take(policy, 'u1', T0 + 60_000, 1).verdict).toEqual({ kind: 'admit', remaining: 9 });
  });

  it('admits no more than the limit (plus replicas - 1) across replicas that exchange their counts, however requests are spread', () => {
    for (const every of [1, 3, 7, 1000]) {
      const replicas = [new SharedCounts(), new SharedCounts(), new SharedCounts()];
      let admitted = 0;
      for (let i = 0; i < 60; i++) {
        // All requests to one replica for a while, then round robin.
        const replica = replicas[i < 20 ? 0 : i % 3]!;
        let judgement = replica.take(policy, 'u1', T0 + i, 3);
        if (judgement.verdict.kind === 'share-used') {
          exchange(replicas);
          judgement = replica.take(policy, 'u1', T0 + i, 3);
        }
        if (judgement.verdict.kind === 'admit') admitted += 1;
        if (i % every === 0) exchange(replicas);
      }
      expect(admitted).toBeGreaterThanOrEqual(policy.limit);
      expect(admitted).toBeLessThanOrEqual(policy.limit + 2);
    }
  });

  it('moves its own hits from unconfirmed to shared once the peers announced after them, without counting them twice', () => {
    const a = new SharedCounts();
    for (let i = 0; i < 4; i++) a.take(policy, 'u1', T0, 1);
    const own = a.drainPending();
    a.apply(own, true);
    a.apply([['user', 'u1', T0 / 60_000, 3]], false);
    a.settle(own);
    const verdicts = Array.from({ length: 4 }, () => a.take(policy, 'u1', T0, 1).verdict.kind);
    expect(verdicts).toEqual(['admit', 'admit', 'admit', 'full']);
  });

  it('keeps its own hits against its share until they are settled, so room a silent peer may hold is never handed out twice', () => {
    const a = new SharedCounts();
    for (let i = 0; i < 5; i++) expect(a.take(policy, 'u1', T0, 2).verdict.kind).toBe('admit');
    // Its own 5 come back, but the peer (which may hold 5 unannounced) has not announced since.
    a.apply(a.drainPending(), true);
    expect(a.take(policy, 'u1', T0, 2).verdict.kind).toBe('full');
  });

  it('ignores hits of a window it has left and starts afresh on hits of a later one', () => {
    const a = new SharedCounts();
    const window = T0 / 60_000;
    a.take(policy, 'u1', T0 + 60_000, 1);
    a.apply([['user', 'u1', window, 9]], false);
    expect(a.take(policy, 'u1', T0 + 60_000, 1).verdict).toEqual({ kind: 'admit', remaining: 8 });
    a.apply([['user', 'u1', window + 2, 10]], false);
    expect(a.take(policy, 'u1', T0 + 120_000, 1).verdict).toEqual({ kind: 'full' });
  });

  it('forgets keys whose window ended', () => {
    const a = new SharedCounts();
    a.take(policy, 'u1', T0, 1);
    a.sweep(T0 + 59_999, () => 60_000);
    expect(a.size).toBe(1);
    a.sweep(T0 + 60_000, () => 60_000);
    expect(a.size).toBe(0);
  });
});

import { judge, windowAt, type Verdict } from './window-rules';
import type { PolicyName, RateLimitPolicy } from './rate-limit-policies';

/** Hits of one key in one window, as replicas announce them: `[policy, key, window index, count]`. */
export type Hit = [PolicyName, string, number, number];

interface Counter {
  window: number;
  shared: number;
  own: number;
}

export interface Judgement {
  verdict: Verdict;
  /** Milliseconds until the current window ends. */
  msLeft: number;
}

/**
 * One replica's counts of every key, kept in memory: what all replicas announced (`shared`) and its own hits not yet
 * seen coming back (`own`). Admitting a hit costs a map lookup; the hits wait in `pending` until the next announcement.
 * Only the current window of each key is kept: a count from an older window is dropped, a newer one starts afresh.
 */
export class SharedCounts {
  private readonly counters = new Map<string, Counter>();
  private pending = new Map<string, Hit>();

  /** Judges a request of `key` under the policy and counts it when admitted. */
  take(policy: RateLimitPolicy, key: string, nowMs: number, replicas: number): Judgement {
    const { index, msLeft } = windowAt(nowMs, policy.windowSeconds * 1000);
    const id = counterId(policy.name, key);
    const counter = this.current(id, index);
    const verdict = judge({ limit: policy.limit, shared: counter.shared, own: counter.own, replicas });
    if (verdict.kind === 'admit') {
      counter.own += 1;
      const pendingId = `${id}\u0000${index}`;
      const hit = this.pending.get(pendingId);
      if (hit) hit[3] += 1;
      else this.pending.set(pendingId, [policy.name, key, index, 1]);
    }
    return { verdict, msLeft };
  }

  /** The hits admitted since the last call, to announce. */
  drainPending(): Hit[] {
    const hits = [...this.pending.values()];
    this.pending = new Map();
    return hits;
  }

  /**
   * Hits announced by any replica, this one's own included once they come back. Own hits then count twice (shared
   * and own) until `settle`: the replica keeps them against its share until every live peer has announced after
   * them, so a peer's hits it has not announced yet cannot be handed out again (docs/adr/0020).
   */
  apply(hits: readonly Hit[], own: boolean): void {
    for (const [policy, key, window, count] of hits) {
      const id = counterId(policy, key);
      const counter = this.counters.get(id);
      if (!counter || window > counter.window) {
        this.counters.set(id, { window, shared: count, own: own ? count : 0 });
        continue;
      }
      // A window this replica has left already.
      if (window < counter.window) continue;
      counter.shared += count;
    }
  }

  /** This replica's own hits, applied earlier, stop counting against its share: every live peer has announced since. */
  settle(hits: readonly Hit[]): void {
    for (const [policy, key, window, count] of hits) {
      const counter = this.counters.get(counterId(policy, key));
      if (counter && counter.window === window) counter.own = Math.max(0, counter.own - count);
    }
  }

  /** Forgets keys whose window has ended. */
  sweep(nowMs: number, windowMsOf: (policy: PolicyName) => number): void {
    for (const [id, counter] of this.counters) {
      const policy = id.slice(0, id.indexOf('\u0000')) as PolicyName;
      if (windowAt(nowMs, windowMsOf(policy)).index > counter.window) this.counters.delete(id);
    }
  }

  get size(): number {
    return this.counters.size;
  }

  private current(id: string, window: number): Counter {
    let counter = this.counters.get(id);
    if (!counter || counter.window < window) {
      counter = { window, shared: 0, own: 0 };
      this.counters.set(id, counter);
    }
    return counter;
  }
}

function counterId(policy: PolicyName, key: string): string {
  return `${policy}\u0000${key}`;
}

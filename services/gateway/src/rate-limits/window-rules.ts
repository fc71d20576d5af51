/**
 * Fixed windows aligned on the wall clock: every replica computes the same window index for the same moment, so counts
 * from any replica add up, and a message names the window its hits belong to.
 */
export interface WindowPosition {
  index: number;
  /** Milliseconds until the window ends and its count starts again from zero. */
  msLeft: number;
}

export function windowAt(nowMs: number, windowMs: number): WindowPosition {
  const index = Math.floor(nowMs / windowMs);
  return { index, msLeft: (index + 1) * windowMs - nowMs };
}

/** Whole seconds, at least 1, as Retry-After and the RateLimit `t` parameter want them. */
export function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** What one replica knows of one key in the current window. */
export interface CounterView {
  limit: number;
  /** Hits every replica has announced (this one's own included once it saw its own announcement come back). */
  shared: number;
  /** This replica's hits not yet seen coming back from the sharing channel. */
  own: number;
  /** Live replicas, this one included (1 when counting locally). */
  replicas: number;
}

export type Verdict =
  /** Admit the request; `remaining` requests are left after it. */
  | { kind: 'admit'; remaining: number }
  /** The limit is reached: refuse until the window ends. */
  | { kind: 'full' }
  /** Room may be left, but not in this replica's share of it: learn the others' counts first, then judge again. */
  | { kind: 'share-used' };

/**
 * The room left (limit minus what everyone announced) is split evenly between the live replicas; each admits at
 * most its share before it hears from the others again. Replicas that all use their share at once admit at most
 * `limit + replicas - 1` together (the shares are rounded up), never `replicas × limit`.
 */
export function localShare(limit: number, shared: number, replicas: number): number {
  return Math.max(0, Math.ceil((limit - shared) / Math.max(1, replicas)));
}

export function judge(view: CounterView): Verdict {
  const total = view.shared + view.own;
  if (total >= view.limit) return { kind: 'full' };
  if (view.own >= localShare(view.limit, view.shared, view.replicas)) return { kind: 'share-used' };
  return { kind: 'admit', remaining: view.limit - total - 1 };
}

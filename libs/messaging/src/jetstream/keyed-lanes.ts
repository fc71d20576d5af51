/**
 * Runs work concurrently up to a limit while keeping order where it matters: work of one key runs in the order it was
 * admitted, work of different keys runs side by side, and work without a key is a barrier (it starts once everything
 * admitted before it has finished, and everything admitted after it waits for it).
 */
export class KeyedLanes {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly admitted = new Set<Promise<void>>();
  private barrier: Promise<void> | null = null;

  constructor(
    private readonly limit: number,
    /** Told of work that threw; the lane goes on with the next. */
    private readonly onError: (error: unknown) => void,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('KeyedLanes: the limit must be a positive integer');
  }

  /** Work admitted and not yet finished (waiting in its lane or running). */
  get size(): number {
    return this.admitted.size;
  }

  /** Resolves once `work` is admitted (fewer than `limit` pieces held), not when it has run. */
  async admit(key: string | null, work: () => Promise<void>): Promise<void> {
    while (this.admitted.size >= this.limit) await Promise.race(this.admitted);
    let after: Promise<unknown>;
    if (key === null) {
      after = Promise.all([...this.admitted]);
    } else {
      after = this.tails.get(key) ?? this.barrier ?? Promise.resolve();
    }
    const task = after.then(work).catch(this.onError);
    this.admitted.add(task);
    if (key === null) {
      this.barrier = task;
      this.tails.clear();
    } else {
      this.tails.set(key, task);
    }
    void task.finally(() => {
      this.admitted.delete(task);
      if (key !== null && this.tails.get(key) === task) this.tails.delete(key);
      if (this.barrier === task) this.barrier = null;
    });
  }

  /** Resolves when everything admitted so far has finished. */
  async idle(): Promise<void> {
    while (this.admitted.size > 0) await Promise.all([...this.admitted]);
  }
}

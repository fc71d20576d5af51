/**
 * At most `limit` tasks run at once; the others wait their turn in order. One limiter per process bounds the work
 * of every import running in it together, so imports cannot starve the libuv thread pool that logins hash on.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`ConcurrencyLimit: limit must be a positive integer, got ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The place passes straight to the next waiter, so `running` never dips below the real count.
      if (next) next();
      else this.running -= 1;
    }
  }
}

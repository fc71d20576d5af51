/**
 * The readers waiting for new events in one event store: each waits until the adapter wakes them all (an append was
 * heard, a listener reconnected), its timeout passes or its signal aborts, whichever comes first.
 */
export class EventWaiters {
  private readonly waiting = new Set<() => void>();

  wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        this.waiting.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      signal?.addEventListener('abort', finish, { once: true });
      this.waiting.add(finish);
    });
  }

  wakeAll(): void {
    for (const wake of [...this.waiting]) wake();
  }

  get size(): number {
    return this.waiting.size;
  }
}

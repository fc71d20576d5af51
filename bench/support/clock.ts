/** Monotonic time for every measurement (never Date.now()). */
export function now(): bigint {
  return process.hrtime.bigint();
}

export function nanosToMs(nanos: bigint): number {
  return Number(nanos) / 1e6;
}

export function msSince(start: bigint): number {
  return nanosToMs(process.hrtime.bigint() - start);
}

/** Events (or messages) per second for `count` items done in `elapsedMs`. */
export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : Number.POSITIVE_INFINITY;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` every `intervalMs` until it is true; fails after `timeoutMs`. */
export async function pollUntil(check: () => boolean, timeoutMs: number, what: string, intervalMs = 1): Promise<void> {
  const deadline = process.hrtime.bigint() + BigInt(timeoutMs) * 1_000_000n;
  while (!check()) {
    if (process.hrtime.bigint() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

import { ConcurrencyLimit } from './concurrency-limit';

/** A task that finishes only when released, recording how many ran at once. */
function gate() {
  let active = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const task = (value: number) => async () => {
    active += 1;
    peak = Math.max(peak, active);
    await new Promise<void>((resolve) => releases.push(resolve));
    active -= 1;
    return value;
  };
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { task, releases, flush, peak: () => peak, active: () => active };
}

describe('ConcurrencyLimit', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    const limit = new ConcurrencyLimit(2);
    const g = gate();
    const results = Promise.all([1, 2, 3, 4, 5].map((n) => limit.run(g.task(n))));
    for (let i = 0; i < 5; i++) {
      await g.flush();
      expect(g.active()).toBeLessThanOrEqual(2);
      g.releases.shift()?.();
    }
    expect(await results).toEqual([1, 2, 3, 4, 5]);
    expect(g.peak()).toBe(2);
  });

  it('frees the place of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('bounds several callers together under one limit', async () => {
    const limit = new ConcurrencyLimit(3);
    const g = gate();
    const a = Promise.all([1, 2, 3].map((n) => limit.run(g.task(n))));
    const b = Promise.all([4, 5, 6].map((n) => limit.run(g.task(n))));
    for (let i = 0; i < 6; i++) {
      await g.flush();
      expect(g.active()).toBeLessThanOrEqual(3);
      g.releases.shift()?.();
    }
    expect(await a).toEqual([1, 2, 3]);
    expect(await b).toEqual([4, 5, 6]);
    expect(g.peak()).toBe(3);
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
  });
});

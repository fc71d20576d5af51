import { EventWaiters } from './event-waiters';

describe('EventWaiters', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes every waiter at once, and only those waiting then', async () => {
    const waiters = new EventWaiters();
    const woken: number[] = [];
    const first = waiters.wait(10_000).then(() => woken.push(1));
    const second = waiters.wait(10_000).then(() => woken.push(2));
    expect(waiters.size).toBe(2);
    waiters.wakeAll();
    await Promise.all([first, second]);
    expect(woken).toEqual([1, 2]);
    expect(waiters.size).toBe(0);
    const later = waiters.wait(10_000);
    expect(waiters.size).toBe(1);
    waiters.wakeAll();
    await later;
  });

  it('lets a waiter go on its timeout or its signal, and not at all when the signal is already aborted', async () => {
    const waiters = new EventWaiters();
    let timedOut = false;
    const timed = waiters.wait(500).then(() => (timedOut = true));
    await jest.advanceTimersByTimeAsync(499);
    expect(timedOut).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await timed;
    expect(timedOut).toBe(true);

    const controller = new AbortController();
    const aborted = waiters.wait(10_000, controller.signal);
    controller.abort();
    await aborted;
    expect(waiters.size).toBe(0);
    await waiters.wait(10_000, controller.signal);
    expect(waiters.size).toBe(0);
  });
});

import { afterOutcome, decideAfterAttempt, failureText, isDelivered, nextToSend } from './delivery-schedule';

const policy = { baseMs: 5_000, maxMs: 3_600_000 };
const middle = () => 0.5; // no jitter: 0.8 + 0.4 * 0.5 = 1

describe('webhook delivery decisions', () => {
  it('counts 2xx alone as delivered; redirects, other statuses, errors and timeouts fail', () => {
    for (const status of [200, 201, 204, 299]) expect(isDelivered({ kind: 'response', status })).toBe(true);
    for (const status of [199, 301, 302, 307, 400, 404, 410, 500, 503]) expect(isDelivered({ kind: 'response', status })).toBe(false);
    expect(isDelivered({ kind: 'error', error: 'timeout after 10000 ms' })).toBe(false);
    expect(failureText({ kind: 'response', status: 302 })).toBe('HTTP 302 (redirects are not followed)');
    expect(failureText({ kind: 'response', status: 503 })).toBe('HTTP 503');
    expect(failureText({ kind: 'response', status: 200 })).toBeNull();
    expect(failureText({ kind: 'error', error: 'x'.repeat(1000) })).toHaveLength(300);
  });

  it('retries with exponential backoff up to the maximum, with ±20 % jitter', () => {
    const now = 1_000_000;
    const retryUntil = now + 86_400_000;
    const delays = [1, 2, 3, 4, 12, 30].map((attempts) => {
      const decision = decideAfterAttempt({ kind: 'response', status: 503 }, { attempts, retryUntil }, now, policy, middle);
      expect(decision.status).toBe('pending');
      return decision.status === 'pending' ? decision.retryInMs : -1;
    });
    expect(delays).toEqual([5_000, 10_000, 20_000, 40_000, 3_600_000, 3_600_000]);
    const low = decideAfterAttempt({ kind: 'error', error: 'ECONNREFUSED' }, { attempts: 1, retryUntil }, now, policy, () => 0);
    const high = decideAfterAttempt({ kind: 'error', error: 'ECONNREFUSED' }, { attempts: 1, retryUntil }, now, policy, () => 0.999999);
    expect(low).toMatchObject({ retryInMs: 4_000 });
    expect(high).toMatchObject({ retryInMs: 6_000 });
  });

  it('tries a last time at the end of the retry window, then fails for good', () => {
    const now = 1_000_000;
    expect(decideAfterAttempt({ kind: 'response', status: 500 }, { attempts: 9, retryUntil: now + 1_000 }, now, policy, middle)).toEqual({ status: 'pending', nextAttemptAt: now + 1_000, retryInMs: 1_000 });
    expect(decideAfterAttempt({ kind: 'response', status: 500 }, { attempts: 10, retryUntil: now }, now, policy, middle)).toEqual({ status: 'failed' });
    expect(decideAfterAttempt({ kind: 'response', status: 200 }, { attempts: 10, retryUntil: now - 1 }, now, policy, middle)).toEqual({ status: 'delivered' });
  });

  it("sends an endpoint's deliveries in the order they were made: a due later one never overtakes a waiting earlier one", () => {
    const now = 10_000;
    const first = { id: 'a', sequence: 1, nextAttemptAt: now + 5_000 };
    const second = { id: 'b', sequence: 2, nextAttemptAt: now - 1_000 };
    expect(nextToSend([second, first], now)).toBeNull();
    expect(nextToSend([second, first], now + 5_000)).toBe(first);
    expect(nextToSend([second], now)).toBe(second);
    expect(nextToSend([], now)).toBeNull();
  });

  it('disables an endpoint after the configured number of deliveries failed for good in a row; a delivered one resets the count', () => {
    const limit = { disableAfterFailures: 3 };
    expect(afterOutcome(0, 'failed', limit)).toEqual({ consecutiveFailures: 1, disable: false });
    expect(afterOutcome(1, 'failed', limit)).toEqual({ consecutiveFailures: 2, disable: false });
    expect(afterOutcome(2, 'failed', limit)).toEqual({ consecutiveFailures: 3, disable: true });
    expect(afterOutcome(2, 'delivered', limit)).toEqual({ consecutiveFailures: 0, disable: false });
  });
});

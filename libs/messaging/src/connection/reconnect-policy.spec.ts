import { DEFAULT_RECONNECT_POLICY, reconnectDelayMs, type ReconnectPolicy } from './reconnect-policy';

const policy: ReconnectPolicy = { ...DEFAULT_RECONNECT_POLICY, initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.2 };
const middle = () => 0.5;

describe('reconnectDelayMs', () => {
  it('doubles from the initial delay after each failed attempt, up to the maximum', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((failed) => reconnectDelayMs(failed, policy, middle))).toEqual([100, 100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('spreads each wait by the jitter fraction either way', () => {
    expect(reconnectDelayMs(3, policy, () => 0)).toBe(320);
    expect(reconnectDelayMs(3, policy, () => 0.999999)).toBe(480);
    expect(reconnectDelayMs(40, policy, () => 0)).toBe(800);
    expect(reconnectDelayMs(40, policy, () => 0.999999)).toBe(1200);
    const seen = new Set(Array.from({ length: 50 }, () => reconnectDelayMs(3, policy)));
    expect(seen.size).toBeGreaterThan(10);
    for (const delay of seen) expect(delay >= 320 && delay <= 480).toBe(true);
  });

  it('keeps going forever: the default policy never waits more than 6 s', () => {
    for (const failed of [0, 10, 1000, Number.MAX_SAFE_INTEGER]) {
      expect(reconnectDelayMs(failed)).toBeLessThanOrEqual(6000);
    }
  });
});

import { retryDelayMs } from './retry-schedule';

const policy = { maxAttempts: 10, baseMs: 1000, maxMs: 30_000 };

describe('retryDelayMs', () => {
  it('doubles per failure up to the maximum', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => retryDelayMs(n, policy, middle))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('spreads delays by at most 20 % either way', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(3200);
    expect(retryDelayMs(3, policy, () => 0.999999)).toBe(4800);
  });
});

import { thresholdNoticesDue, thresholdReached } from './budget-notices';

describe('budget threshold notices', () => {
  const budgetCents = 100000n; // 1000.00

  it('reaches 80 % at exactly 800.00 and 100 % at exactly 1000.00', () => {
    expect(thresholdNoticesDue({ budgetCents, spendCents: 79999n, notified: [] })).toEqual([]);
    expect(thresholdNoticesDue({ budgetCents, spendCents: 80000n, notified: [] })).toEqual([80]);
    expect(thresholdNoticesDue({ budgetCents, spendCents: 99999n, notified: [] })).toEqual([80]);
    expect(thresholdNoticesDue({ budgetCents, spendCents: 100000n, notified: [] })).toEqual([80, 100]);
    expect(thresholdNoticesDue({ budgetCents, spendCents: 250000n, notified: [] })).toEqual([80, 100]);
  });

  it('sends each once per period: what was notified is never due again', () => {
    expect(thresholdNoticesDue({ budgetCents, spendCents: 100000n, notified: [80] })).toEqual([100]);
    expect(thresholdNoticesDue({ budgetCents, spendCents: 100000n, notified: [80, 100] })).toEqual([]);
    expect(thresholdNoticesDue({ budgetCents, spendCents: 90000n, notified: [80] })).toEqual([]);
  });

  it('reaches a threshold in whole cents where 80 % is not a whole cent', () => {
    // 80 % of 100.01 is 80.008: 80.00 is short of it, 80.01 reaches it.
    expect(thresholdReached(8000n, 10001n, 80)).toBe(false);
    expect(thresholdReached(8001n, 10001n, 80)).toBe(true);
    expect(thresholdReached(10000n, 10001n, 100)).toBe(false);
    expect(thresholdReached(10001n, 10001n, 100)).toBe(true);
    // Far beyond what a float holds exactly: 80 % of 9999999999999.99 is 7999999999999.992.
    expect(thresholdReached(799999999999999n, 999999999999999n, 80)).toBe(false);
    expect(thresholdReached(800000000000000n, 999999999999999n, 80)).toBe(true);
  });

  it('sends nothing for a budget of nothing', () => {
    expect(thresholdNoticesDue({ budgetCents: 0n, spendCents: 100n, notified: [] })).toEqual([]);
  });
});

import { compare, goalMet } from './bench-result';

const row = (better: 'higher' | 'lower', ours: number, baseline: number, goal?: { ratio?: number; value?: number }) =>
  compare({ benchmark: 'b', metric: 'm', unit: 'ms', ours, baseline, better, baselineLabel: 'floor', ...(goal ? { goal } : {}) });

describe('goalMet', () => {
  it('has no verdict for a row without a goal', () => {
    expect(goalMet(row('lower', 1, 1))).toBeUndefined();
  });

  it('reads "at least" for higher-is-better rows and "at most" for lower-is-better rows, boundary included', () => {
    expect(goalMet(row('higher', 1000, 4000, { value: 1000 }))).toBe(true);
    expect(goalMet(row('higher', 999, 4000, { value: 1000 }))).toBe(false);
    expect(goalMet(row('lower', 50, 10, { value: 50 }))).toBe(true);
    expect(goalMet(row('lower', 50.1, 10, { value: 50 }))).toBe(false);
  });

  it('checks the ratio against the baseline', () => {
    expect(goalMet(row('lower', 1.2, 1, { ratio: 1.2 }))).toBe(true);
    expect(goalMet(row('lower', 1.3, 1, { ratio: 1.2 }))).toBe(false);
    expect(goalMet(row('higher', 30, 100, { ratio: 0.25 }))).toBe(true);
  });

  it('needs every part of a goal with both a ratio and a value', () => {
    expect(goalMet(row('higher', 30_000, 100_000, { ratio: 0.25, value: 30_000 }))).toBe(true);
    expect(goalMet(row('higher', 29_000, 100_000, { ratio: 0.25, value: 30_000 }))).toBe(false);
    expect(goalMet(row('higher', 30_000, 200_000, { ratio: 0.25, value: 30_000 }))).toBe(false);
  });
});

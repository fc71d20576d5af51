import { visibilityLags } from './visibility-lag';

describe('visibilityLags', () => {
  it('times each acknowledgement to the first later look that lists it', () => {
    const { lagsMs, neverSeen } = visibilityLags(
      [100, 150, 300],
      [
        { at: 120, count: 10 },
        { at: 220, count: 11 },
        { at: 320, count: 12 },
        { at: 420, count: 13 },
      ],
      10,
    );
    expect(lagsMs).toEqual([120, 170, 120]);
    expect(neverSeen).toBe(0);
  });

  it('does not count a look answered before the acknowledgement, even if it already lists enough', () => {
    const { lagsMs } = visibilityLags([200], [{ at: 150, count: 1 }, { at: 260, count: 1 }], 0);
    expect(lagsMs).toEqual([60]);
  });

  it('counts the writes that never showed', () => {
    const { lagsMs, neverSeen } = visibilityLags([10, 20, 30], [{ at: 40, count: 5 }], 4);
    expect(lagsMs).toEqual([30]);
    expect(neverSeen).toBe(2);
  });

  it('takes acknowledgements and looks in any order', () => {
    const { lagsMs } = visibilityLags([50, 10], [{ at: 60, count: 2 }, { at: 20, count: 1 }], 0);
    expect(lagsMs).toEqual([10, 10]);
  });
});

/** One look at a read model: when the answer came (ms on one clock) and how many of the watched items it listed. */
export interface VisibilitySample {
  at: number;
  count: number;
}

/**
 * How long each acknowledged write took to show in a read model that is polled while the writes go on: the k-th
 * acknowledgement (in time order) counts as visible at the first sample answered at or after it that lists at least
 * `listedBefore + k` items. Samples are only as fine as the polling, so each lag is an upper bound within one poll
 * interval. Returns the lags (ms) of the writes that became visible, and how many never did.
 */
export function visibilityLags(acknowledgedAt: readonly number[], samples: readonly VisibilitySample[], listedBefore: number): { lagsMs: number[]; neverSeen: number } {
  const acks = [...acknowledgedAt].sort((a, b) => a - b);
  const looks = [...samples].sort((a, b) => a.at - b.at);
  const lagsMs: number[] = [];
  let neverSeen = 0;
  acks.forEach((ackAt, index) => {
    const needed = listedBefore + index + 1;
    const seen = looks.find((look) => look.at >= ackAt && look.count >= needed);
    if (seen) lagsMs.push(seen.at - ackAt);
    else neverSeen += 1;
  });
  return { lagsMs, neverSeen };
}

/** One compared measurement: our path against a baseline measured in the same run on the same machine. */
export interface ComparisonRow {
  benchmark: string;
  metric: string;
  unit: string;
  ours: number;
  baseline: number;
  /** ours / baseline. */
  ratio: number;
  /** Which direction of the ratio is good for us. */
  better: 'lower' | 'higher';
  baselineLabel: string;
}

export interface BenchmarkOutcome {
  name: string;
  rows: ComparisonRow[];
  /** Everything else worth keeping in the JSON results (settings, full summaries, per-round figures). */
  details: Record<string, unknown>;
}

export function compare(row: Omit<ComparisonRow, 'ratio'>): ComparisonRow {
  return { ...row, ratio: row.ours / row.baseline };
}

/**
 * A target a comparison must reach: on the ratio (ours / baseline), on our own figure, or both. Which side is good
 * follows the row's `better`: at least the figure for "higher", at most for "lower".
 */
export interface Goal {
  ratio?: number;
  value?: number;
}

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
  /** What the row should reach; rows without one are reported for information. */
  goal?: Goal;
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

/** Whether a row reaches every part of its goal; undefined when it has none. */
export function goalMet(row: ComparisonRow): boolean | undefined {
  if (!row.goal) return undefined;
  const reaches = (figure: number, target: number): boolean => (row.better === 'higher' ? figure >= target : figure <= target);
  const parts: boolean[] = [];
  if (row.goal.ratio !== undefined) parts.push(reaches(row.ratio, row.goal.ratio));
  if (row.goal.value !== undefined) parts.push(reaches(row.ours, row.goal.value));
  return parts.every(Boolean);
}

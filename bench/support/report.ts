import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goalMet, type ComparisonRow } from './bench-result';

function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'ms') return `${value.toFixed(3)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** "<= 1.20x and <= 50.000 ms: met", or "" for a row without a goal. */
export function describeGoal(row: ComparisonRow): string {
  if (!row.goal) return '';
  const sign = row.better === 'higher' ? '>=' : '<=';
  const parts = [
    ...(row.goal.ratio === undefined ? [] : [`${sign} ${row.goal.ratio.toFixed(2)}x`]),
    ...(row.goal.value === undefined ? [] : [`${sign} ${formatValue(row.goal.value, row.unit)}`]),
  ];
  return `${parts.join(' and ')}: ${goalMet(row) ? 'met' : 'not met'}`;
}

/** The summary table: one line per comparison, ratio = ours / baseline, and the row's goal with whether it is met. */
export function formatTable(rows: readonly ComparisonRow[]): string {
  const header = ['benchmark', 'ours', 'baseline', 'ratio', 'better', 'goal', 'baseline is'];
  const lines = rows.map((row) => [
    `${row.benchmark}: ${row.metric}`,
    formatValue(row.ours, row.unit),
    formatValue(row.baseline, row.unit),
    `${row.ratio.toFixed(2)}x`,
    row.better,
    describeGoal(row),
    row.baselineLabel,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const numeric = new Set([1, 2, 3]);
  const render = (cells: string[]): string => cells.map((cell, column) => pad(cell, widths[column]!, numeric.has(column))).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-+-');
  const withGoals = rows.filter((row) => row.goal);
  const met = withGoals.filter((row) => goalMet(row)).length;
  const tally = withGoals.length > 0 ? [`\nGoals met: ${met} of ${withGoals.length}`] : [];
  return [render(header), rule, ...lines.map(render), ...tally].join('\n');
}

/** Writes `.local/bench/results-<timestamp>.json` under `root` and returns its path. */
export function writeResults(root: string, startedAt: Date, results: unknown): string {
  const folder = join(root, '.local', 'bench');
  mkdirSync(folder, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join(folder, `results-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

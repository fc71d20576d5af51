/**
 * The value of the series `name` with exactly these labels in a Prometheus text scrape, whatever order the labels
 * come in; undefined when there is no such series.
 */
export function metricValue(scrape: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels);
  return metricSeries(scrape, name).find((series) => Object.keys(series.labels).length === wanted.length && wanted.every(([key, value]) => series.labels[key] === value))?.value;
}

/** Every series `name` in a scrape with its labels and value (for label values a test cannot know in advance). */
export function metricSeries(scrape: string, name: string): { labels: Record<string, string>; value: number }[] {
  const series: { labels: Record<string, string>; value: number }[] = [];
  for (const line of scrape.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    series.push({ labels: Object.fromEntries([...match[2]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])), value: Number(match[3]) });
  }
  return series;
}

import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { connect } from 'nats';
import { runBillingProjectionsBenchmark } from './billing-projections.bench';
import { runEventAppendBenchmark } from './event-append.bench';
import { runOrderLoadBenchmark } from './order-load.bench';
import { runOrderReplicasBenchmark } from './order-replicas.bench';
import { runOutboxPublishBenchmark } from './outbox-publish.bench';
import { runPortalListsBenchmark } from './portal-lists.bench';
import { runRateLimitCheckBenchmark } from './rate-limit-check.bench';
import { runRpcRoundTripBenchmark } from './rpc-round-trip.bench';
import { runWebhookDeliveryBenchmark } from './webhook-delivery.bench';
import type { BenchmarkOutcome, ComparisonRow } from './support/bench-result';
import { BENCH_NATS_URL } from './support/bench-nats';
import { BENCH_DATABASE_URL, postgresVersion } from './support/bench-postgres';
import { msSince, now } from './support/clock';
import { formatTable, log, writeResults } from './support/report';

/** The whole run must end well within this; a hang is reported and the process fails. */
const WATCHDOG_MS = 25 * 60_000;

const BENCHMARKS: { name: string; run: () => Promise<BenchmarkOutcome> }[] = [
  { name: 'rpc-round-trip', run: runRpcRoundTripBenchmark },
  { name: 'event-append', run: runEventAppendBenchmark },
  { name: 'outbox-publish', run: runOutboxPublishBenchmark },
  { name: 'billing-projections', run: runBillingProjectionsBenchmark },
  { name: 'rate-limit-check', run: runRateLimitCheckBenchmark },
  { name: 'portal-lists', run: runPortalListsBenchmark },
  { name: 'webhook-delivery', run: runWebhookDeliveryBenchmark },
  { name: 'order-load', run: runOrderLoadBenchmark },
  { name: 'order-replicas', run: runOrderReplicasBenchmark },
];

async function natsServerVersion(): Promise<string> {
  const nc = await connect({ servers: BENCH_NATS_URL, name: 'bench-probe' });
  try {
    return nc.info?.version ?? 'unknown';
  } finally {
    await nc.close();
  }
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const watchdog = setTimeout(() => {
    process.stderr.write(`Benchmarks still running after ${WATCHDOG_MS / 1000} s: giving up.\n`);
    process.exit(1);
  }, WATCHDOG_MS);
  watchdog.unref();

  const environment = {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadAverageAtStart: loadavg(),
    nats: { url: BENCH_NATS_URL, server: await natsServerVersion() },
    postgres: { database: new URL(BENCH_DATABASE_URL).pathname.slice(1), server: await postgresVersion() },
  };
  log(`Benchmarks: ours vs a baseline measured in the same run (node ${environment.node}, ${environment.cpus} cpus, ` +
    `NATS ${environment.nats.server}, PostgreSQL ${environment.postgres.server}, load ${environment.loadAverageAtStart.map((l) => l.toFixed(2)).join(' ')})`);

  const outcomes: BenchmarkOutcome[] = [];
  const failures: { name: string; error: string }[] = [];
  // `npm run bench -- portal-lists rpc-round-trip` runs only those.
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) throw new Error(`Unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  for (const benchmark of BENCHMARKS.filter((b) => chosen.length === 0 || chosen.includes(b.name))) {
    log(`\n[${benchmark.name}]`);
    const start = now();
    try {
      outcomes.push(await benchmark.run());
      log(`  done in ${(msSince(start) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push({ name: benchmark.name, error: message });
      log(`  FAILED after ${(msSince(start) / 1000).toFixed(1)} s: ${message}`);
    }
  }

  const rows: ComparisonRow[] = outcomes.flatMap((outcome) => outcome.rows);
  log('\nResults (ratio = ours / baseline; "better" says which direction of the ratio favours ours)\n');
  log(formatTable(rows));

  const root = resolve(__dirname, '..', '..');
  const file = writeResults(root, startedAt, {
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    environment: { ...environment, loadAverageAtEnd: loadavg() },
    rows,
    benchmarks: outcomes,
    failures,
  });
  log(`\nResults written to ${file}`);
  if (failures.length > 0) log(`${failures.length} benchmark(s) failed: ${failures.map((f) => f.name).join(', ')}`);
  clearTimeout(watchdog);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; should a handle still keep the loop alive, say so instead of hanging.
    setTimeout(() => {
      process.stderr.write('Open handles kept the process alive after the benchmarks; exiting.\n');
      process.exit(code === 0 ? 1 : code);
    }, 10_000).unref();
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

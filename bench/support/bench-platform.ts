import { freeLoopbackPort } from '@broker/platform';
import { NpmStartPlatform } from '../../test/support/npm-start-platform';
import { BENCH_NATS_URL } from './bench-nats';
import { BENCH_DATABASE_URL } from './bench-postgres';
import { msSince, now } from './clock';
import { log } from './report';

/** The platform as `npm start` runs it on the benchmarks' PostgreSQL and NATS, the gateway on a free port, e-mail to nowhere. */
export function benchPlatform(env?: Record<string, string>): NpmStartPlatform {
  return new NpmStartPlatform({
    smtpUrl: () => 'smtp://127.0.0.1:9',
    databaseUrl: BENCH_DATABASE_URL,
    natsUrl: BENCH_NATS_URL,
    port: freeLoopbackPort,
    deploymentPrefix: 'bench',
    ...(env ? { env } : {}),
  });
}

/** Starts the platform and logs, under the benchmark's `label`, how long it took to come up. */
export async function startBenchPlatform(platform: NpmStartPlatform, label: string): Promise<void> {
  const started = now();
  await platform.start();
  log(`  ${label}: platform up (npm start) in ${(msSince(started) / 1000).toFixed(1)} s`);
}

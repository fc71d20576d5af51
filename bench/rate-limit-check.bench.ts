import { StorageType, connect, type KV, type NatsConnection } from 'nats';
import { createLogger } from '@broker/platform';
import { RateLimiter, type RateLimitPolicies } from '../services/gateway/src/testing';
import { compare, type BenchmarkOutcome } from './support/bench-result';
import { benchDeployment, BENCH_NATS_URL } from './support/bench-nats';
import { msSince, now, perSecond, pollUntil } from './support/clock';
import { log } from './support/report';

const CHECKS = 20_000;
const KV_CHECKS = 2_000;
const KEYS = 500;
/** High enough that no check is refused: the cost of admitting is what is measured. */
const LIMIT = 1_000_000;

const policies: RateLimitPolicies = {
  address: { name: 'address', limit: LIMIT, windowSeconds: 3600 },
  user: { name: 'user', limit: LIMIT, windowSeconds: 3600 },
  auth: { name: 'auth', limit: LIMIT, windowSeconds: 3600 },
};

/** One check the way a store with compare-and-set would do it: read the key's count, write it back one higher. */
async function kvCheck(kv: KV, key: string): Promise<boolean> {
  for (;;) {
    const entry = await kv.get(key);
    const count = entry && entry.operation === 'PUT' ? Number(entry.string()) : 0;
    if (count >= LIMIT) return false;
    try {
      if (entry) await kv.update(key, String(count + 1), entry.revision);
      else await kv.create(key, String(count + 1));
      return true;
    } catch {
      // Lost a race: read again.
    }
  }
}

/**
 * Rate-limit checks a second, sequential, spread over two gateway replicas' limiters sharing their counts over NATS
 * (ADR 20), against a JetStream key-value counter read and written with compare-and-set on every check.
 */
export async function runRateLimitCheckBenchmark(): Promise<BenchmarkOutcome> {
  const names = benchDeployment('brl');
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const connections: NatsConnection[] = [];
  const limiters: RateLimiter[] = [];
  const bucket = `${names.deployment}_rate_limits`;
  try {
    for (let i = 0; i < 2; i++) {
      const nats = await connect({ servers: BENCH_NATS_URL, name: `${names.deployment}-limiter-${i}` });
      connections.push(nats);
      const limiter = new RateLimiter(nats, names.rateLimitSubject, { policies, syncIntervalMs: 100, logger });
      limiter.start();
      limiters.push(limiter);
    }
    await pollUntil(() => limiters.every((l) => l.health().replicas === 2), 10_000, 'both limiters sharing', 10);

    const oursStart = now();
    for (let i = 0; i < CHECKS; i++) {
      if (!(await limiters[i % 2]!.take('user', `user-${i % KEYS}`)).allowed) throw new Error('Rate-limit benchmark: a check was refused');
    }
    const oursMs = msSince(oursStart);
    log(`  rate limits: ${CHECKS} checks over ${KEYS} keys on two limiters in ${oursMs.toFixed(0)} ms`);

    const kv = await connections[0]!.jetstream().views.kv(bucket, { history: 1, storage: StorageType.Memory });
    const kvStart = now();
    for (let i = 0; i < KV_CHECKS; i++) {
      if (!(await kvCheck(kv, `user-${i % KEYS}`))) throw new Error('Rate-limit benchmark: a KV check was refused');
    }
    const kvMs = msSince(kvStart);
    log(`  rate limits: ${KV_CHECKS} compare-and-set checks in ${kvMs.toFixed(0)} ms`);

    const ours = perSecond(CHECKS, oursMs);
    const baseline = perSecond(KV_CHECKS, kvMs);
    return {
      name: 'rate-limit-check',
      rows: [compare({ benchmark: 'Rate-limit check', metric: 'checks/s', unit: '/s', ours, baseline, better: 'higher', baselineLabel: 'JetStream KV compare-and-set per check' })],
      details: { checks: CHECKS, kvChecks: KV_CHECKS, keys: KEYS, oursMs, kvMs },
    };
  } finally {
    for (const limiter of limiters) limiter.stop();
    const jsm = await connections[0]?.jetstreamManager().catch(() => undefined);
    await jsm?.streams.delete(`KV_${bucket}`).catch(() => undefined);
    await Promise.all(connections.map((c) => c.close().catch(() => undefined)));
  }
}

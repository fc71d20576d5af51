import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freeLoopbackPort } from '@broker/platform';
import { compare, type BenchmarkOutcome, type ComparisonRow } from './support/bench-result';
import { BENCH_NATS_URL } from './support/bench-nats';
import { BENCH_DATABASE_URL, createBenchSchema, randomSuffix } from './support/bench-postgres';
import { msSince, now, sleep } from './support/clock';
import { log } from './support/report';
import { summarize, type LatencySummary } from './support/statistics';
import { burst, timed, type Burst, type Call } from './support/http-load';
import { benchPlatform, startBenchPlatform } from './support/bench-platform';
import { setting } from './support/bench-settings';
import { buildOrderWorld } from './support/order-world';
import { visibilityLags, type VisibilitySample } from './support/visibility-lag';

/** Bounded in count and time: every figure below is one burst of these sizes on loopback. */
const ORGS = setting('BENCH_LOAD_ORGS', 16);
const ORDERS = setting('BENCH_LOAD_ORDERS', 1000);
const READS = setting('BENCH_LOAD_READS', 2000);
const SERIAL = setting('BENCH_LOAD_SERIAL', 100);
const IN_FLIGHT = 32;
/** Monthly price 5.00: a quantity of 1 is 60.00 a year, under this limit; 2 or more need the reseller's approval. */
const DYNAMIC_LIMIT = '100.00';

/** The service processes of one process group (the platform npm start runs): per service, processes and resident memory (MB). */
function serviceProcesses(group: number): Record<string, { processes: number; residentMb: number }> {
  const lines = execFileSync('ps', ['-eo', 'pgid=,pid=,rss=,args='], { encoding: 'utf8' }).split('\n');
  const out: Record<string, { processes: number; residentMb: number }> = {};
  for (const line of lines) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+.*dist\/services\/([a-z]+)\/src\/main\.js/.exec(line);
    if (!match || Number(match[1]) !== group) continue;
    const service = (out[match[4]!] ??= { processes: 0, residentMb: 0 });
    service.processes += 1;
    service.residentMb += Math.round(Number(match[3]) / 1024);
  }
  return out;
}

/**
 * With BENCH_PROFILE_SERVICES=1 every service runs under `node --cpu-prof` (SERVICE_NODE_FLAGS of the supervisor):
 * each writes .local/bench/profiles/<service>.cpuprofile as it stops (read them with
 * `node dist/scripts/profile/cpu-profile-summary.js .local/bench/profiles`).
 */
const PROFILE_DIR = resolve(__dirname, '..', '..', '.local', 'bench', 'profiles');
const profiling = process.env.BENCH_PROFILE_SERVICES === '1';

/** Starts a floor-server process in `mode` and waits for its "ready". */
function startFloor(args: string[], env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const script = resolve(__dirname, 'support', 'floor-server.js');
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`floor server ${args[0]} did not start`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        done(child);
      }
    });
    child.once('exit', (code) => fail(new Error(`floor server ${args[0]} exited with ${code}`)));
  });
}

interface LoadFigures {
  orders: Burst;
  reads: Burst;
  serialRead: LatencySummary;
  serialOrder: LatencySummary;
}

interface FloorFigures extends LoadFigures {
  /** The mean resident memory of the floor's two processes after its load. */
  residentMbPerProcess: number;
}

interface RunFigures extends LoadFigures {
  approvals: Burst;
  approvedOnOrder: number;
  pendingApproval: number;
  allListedAfterBurstMs: number;
  /** From each approved order's answer to its subscription being listed (one organization watched). */
  listingLag: LatencySummary;
  residentMb: Record<string, number>;
  residentMbTotal: number;
}

/**
 * Polls `count` every 100 ms while the load runs, until it reaches `expected()` once `stop` was called (or two minutes
 * pass): the looks from which visibilityLags tells how far behind the read model was.
 */
function watchVisibility(count: () => Promise<number>, expected: () => number): { stop: () => Promise<VisibilitySample[]> } {
  const samples: VisibilitySample[] = [];
  let stopping = false;
  const deadline = Date.now() + 240_000;
  const loop = (async (): Promise<Error | null> => {
    try {
      while (Date.now() < deadline) {
        const seen = await count();
        samples.push({ at: performance.now(), count: seen });
        if (stopping && seen >= expected()) return null;
        await sleep(100);
      }
      return new Error('the watched subscriptions did not catch up within 4 minutes');
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      const failure = await loop;
      if (failure) throw failure;
      return samples;
    },
  };
}

/** Counts read until two reads half a second apart agree: what the read models hold once earlier work has settled. */
async function settledCounts(read: () => Promise<number[]>): Promise<number[]> {
  let last = await read();
  for (let attempt = 0; attempt < 60; attempt++) {
    await sleep(500);
    const next = await read();
    if (next.every((count, i) => count === last[i])) return next;
    last = next;
  }
  throw new Error('Order load: the subscription lists did not settle within 30 s');
}

/**
 * The same load on the floor of the same hops (floor-server.ts: HTTP, one NATS request-reply, one PostgreSQL
 * statement), with the same client, counts and concurrency.
 */
async function floorLoad(): Promise<FloorFigures> {
  const schema = await createBenchSchema('bench_floor', 2);
  const table = `${schema.connection.qschema}.requests`;
  await schema.connection.pool.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
  const subject = `bench.floor.${randomSuffix()}`;
  const port = await freeLoopbackPort();
  const env = { BENCH_NATS_URL, FLOOR_SUBJECT: subject, FLOOR_DATABASE_URL: BENCH_DATABASE_URL, FLOOR_TABLE: table };
  const children: ChildProcess[] = [];
  try {
    children.push(await startFloor(['responder'], env));
    children.push(await startFloor(['http', String(port)], env));
    const base = `http://127.0.0.1:${port}`;
    const order = (index: number): Call => ({ url: `${base}/orders`, method: 'POST', body: { productId: 'p', quantity: 1 + (index % 3) } });
    const read = (): Call => ({ url: `${base}/settings`, method: 'GET' });
    await burst(200, IN_FLIGHT, order); // warm-up
    const orders = await burst(ORDERS, IN_FLIGHT, order);
    const reads = await burst(READS, IN_FLIGHT, read);
    const serialRead = (await burst(SERIAL, 1, read)).latency;
    const serialOrder = (await burst(SERIAL, 1, order)).latency;
    const residentKb = children.map((child) => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).trim()));
    const residentMbPerProcess = Math.round(residentKb.reduce((sum, kb) => sum + kb, 0) / residentKb.length / 1024);
    return { orders, reads, serialRead, serialOrder, residentMbPerProcess };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(200);
    await schema.drop();
  }
}

/**
 * Orders, approvals and reads through the public API of the platform as `npm start` runs it (seven processes, the
 * machine's PostgreSQL and NATS): org admins of ORGS organizations order with 32 in flight (half of the organizations
 * under a dynamic approval limit, so some orders wait for the reseller), the reseller approves what waits, org
 * admins read their organization's settings with 32 in flight, then one request at a time. Also: how long each
 * approved order of one watched organization takes to be listed as a subscription (during the burst and after it),
 * and the services' memory afterwards. The whole load runs twice, to see whether memory keeps growing; the figures
 * are the first run's, each set next to the floor of the same hops measured in the same run (floorLoad).
 */
export async function runOrderLoadBenchmark(): Promise<BenchmarkOutcome> {
  const platform = benchPlatform(profiling ? { SERVICE_NODE_FLAGS: `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` } : undefined);
  try {
    await startBenchPlatform(platform, 'order load');
    const api = platform.baseUrl;
    const world = now();
    const { productId, orgs, resellerToken } = await buildOrderWorld(platform, ORGS, (i) => i % 2 === 1, DYNAMIC_LIMIT);
    log(`  order load: ${ORGS} organizations with their admins and e-stores in ${(msSince(world) / 1000).toFixed(1)} s`);

    const orderCall = (index: number): Call => {
      const org = orgs[index % orgs.length]!;
      return { url: `${api}/organizations/${org.id}/orders`, method: 'POST', token: org.token, body: { productId, quantity: 1 + (index % 3) } };
    };
    const readCall = (index: number): Call => {
      const org = orgs[index % orgs.length]!;
      return { url: `${api}/organizations/${org.id}/settings`, method: 'GET', token: org.token };
    };
    const unlimited = orgs.findIndex((org) => !org.limited);
    const listed = async (org: { id: string; token: string }): Promise<number> => {
      const answer = await timed({ url: `${api}/organizations/${org.id}/subscriptions?limit=500`, method: 'GET', token: org.token });
      if (answer.status !== 200) throw new Error(`Order load: listing subscriptions answered ${answer.status} ${answer.body.slice(0, 200)}`);
      return ((JSON.parse(answer.body) as { items?: unknown[] }).items ?? []).length;
    };

    /**
     * One run of the load: orders with 32 in flight while one organization's subscriptions are watched (how long each
     * of its approved orders takes to be listed, during the burst and after it), every approved order listed, the
     * reseller approving what waits, reads with 32 in flight, then one request at a time; the services' memory after.
     */
    const run = async (round: number): Promise<RunFigures> => {
      const approved: number[] = new Array(orgs.length).fill(0);
      const listedBefore = await settledCounts(() => Promise.all(orgs.map(listed)));
      const pending: string[] = [];
      const watched = orgs[unlimited]!;
      const watchedAcks: number[] = [];
      const book = (index: number, status: number, body: string): void => {
        if (status !== 201) return;
        const answer = JSON.parse(body) as { status: string; transactionId: string };
        if (answer.status === 'approved') {
          approved[index % orgs.length]! += 1;
          if (index % orgs.length === unlimited) watchedAcks.push(performance.now());
        } else pending.push(answer.transactionId);
      };
      const sampler = watchVisibility(() => listed(watched), () => watchedAcks.length + listedBefore[unlimited]!);
      if (round === 1) await burst(Math.min(100, ORDERS), IN_FLIGHT, (index) => orderCall(ORDERS + index), (index, status, body) => book(ORDERS + index, status, body)); // warm-up, counted in the books
      const orders = await burst(ORDERS, IN_FLIGHT, orderCall, book);
      const burstEnded = now();

      // Every approved order listed as a subscription: the catalog's consumer and projection behind the burst.
      const lagDeadline = Date.now() + 120_000;
      let behind = orgs.map((_, i) => i);
      while (behind.length > 0 && Date.now() < lagDeadline) {
        const counts = await Promise.all(behind.map((i) => listed(orgs[i]!)));
        behind = behind.filter((i, k) => counts[k]! < listedBefore[i]! + approved[i]!);
        if (behind.length > 0) await sleep(100);
      }
      const allListedMs = msSince(burstEnded);
      if (behind.length > 0) throw new Error(`Order load: ${behind.length} organizations still missing approved orders among their subscriptions 2 minutes after the burst`);
      const samples = await sampler.stop();
      const { lagsMs, neverSeen } = visibilityLags(watchedAcks, samples, listedBefore[unlimited]!);
      if (neverSeen > 0 || lagsMs.length === 0) throw new Error(`Order load: ${neverSeen} of the watched organization's ${watchedAcks.length} approved orders never seen listed`);

      const approvals = await burst(pending.length, IN_FLIGHT, (index) => ({ url: `${api}/approvals/${pending[index]}/approve`, method: 'POST', token: resellerToken, body: {} }));
      const reads = await burst(READS, IN_FLIGHT, readCall);
      const serialRead = (await burst(SERIAL, 1, readCall)).latency;
      const serialOrder = (await burst(SERIAL, 1, () => ({ ...orderCall(unlimited), body: { productId, quantity: 1 } }))).latency;
      const residentMb = Object.fromEntries(Object.entries(serviceProcesses(platform.processGroup)).map(([service, { residentMb: mb }]) => [service, mb]));
      const figures: RunFigures = {
        orders, reads, serialRead, serialOrder, approvals, approvedOnOrder: approved.reduce((sum, n) => sum + n, 0), pendingApproval: pending.length,
        allListedAfterBurstMs: allListedMs, listingLag: summarize(lagsMs), residentMb, residentMbTotal: Object.values(residentMb).reduce((sum, mb) => sum + mb, 0),
      };
      const unexpected = [orders, reads, approvals].flatMap((b) => Object.entries(b.statuses).filter(([status]) => status !== '200' && status !== '201'));
      if (unexpected.length > 0) log(`  order load: answers other than 200/201: ${JSON.stringify(unexpected)}`);
      log(`  order load, run ${round}: ${ORDERS} orders ${orders.perSecond.toFixed(0)}/s, p50 ${orders.latency.medianMs.toFixed(1)} ms, p99 ${orders.latency.p99Ms.toFixed(1)} ms; ` +
        `approved orders listed p50 ${figures.listingLag.medianMs.toFixed(0)} ms, p99 ${figures.listingLag.p99Ms.toFixed(0)} ms after their answer, all listed ${(allListedMs / 1000).toFixed(2)} s after the burst; ` +
        `${pending.length} approvals ${approvals.perSecond.toFixed(0)}/s; ${READS} reads ${reads.perSecond.toFixed(0)}/s; one at a time: GET settings p50 ${serialRead.medianMs.toFixed(2)} ms, ` +
        `POST order p50 ${serialOrder.medianMs.toFixed(2)} ms; services ${figures.residentMbTotal} MB resident (${Object.entries(residentMb).map(([service, mb]) => `${service} ${mb}`).join(', ')})`);
      return figures;
    };

    const first = await run(1);
    const second = await run(2);

    log('  order load: the floor of the same hops (bare HTTP, one NATS request-reply, one PostgreSQL statement)...');
    const floor = await floorLoad();
    log(`  order load, floor: ${floor.orders.perSecond.toFixed(0)} orders/s, p99 ${floor.orders.latency.p99Ms.toFixed(1)} ms; ${floor.reads.perSecond.toFixed(0)} reads/s; ` +
      `one at a time: GET p50 ${floor.serialRead.medianMs.toFixed(2)} ms, POST p50 ${floor.serialOrder.medianMs.toFixed(2)} ms; ${floor.residentMbPerProcess} MB resident per process`);

    const label = 'floor: bare HTTP + one NATS request-reply + one PostgreSQL statement';
    const services = Object.keys(first.residentMb).length;
    const rows: ComparisonRow[] = [
      compare({ benchmark: 'order-load', metric: `POST orders, ${IN_FLIGHT} in flight`, unit: 'requests/s', ours: first.orders.perSecond, baseline: floor.orders.perSecond, better: 'higher', baselineLabel: label, goal: { value: 1000 } }),
      compare({ benchmark: 'order-load', metric: `POST orders p99, ${IN_FLIGHT} in flight`, unit: 'ms', ours: first.orders.latency.p99Ms, baseline: floor.orders.latency.p99Ms, better: 'lower', baselineLabel: label, goal: { value: 50 } }),
      compare({ benchmark: 'order-load', metric: `GET settings, ${IN_FLIGHT} in flight`, unit: 'requests/s', ours: first.reads.perSecond, baseline: floor.reads.perSecond, better: 'higher', baselineLabel: label, goal: { value: 4000 } }),
      compare({ benchmark: 'order-load', metric: 'GET settings p50, one at a time', unit: 'ms', ours: first.serialRead.medianMs, baseline: floor.serialRead.medianMs, better: 'lower', baselineLabel: label, goal: { value: 1.5 } }),
      compare({ benchmark: 'order-load', metric: 'POST order p50, one at a time', unit: 'ms', ours: first.serialOrder.medianMs, baseline: floor.serialOrder.medianMs, better: 'lower', baselineLabel: label, goal: { value: 5 } }),
      compare({
        benchmark: 'order-load', metric: 'approved order listed as a subscription, p99 after its answer', unit: 'ms', ours: first.listingLag.p99Ms, baseline: floor.orders.latency.p99Ms, better: 'lower',
        baselineLabel: 'floor: POST p99 under load (its writes are readable once answered)', goal: { value: 1000 },
      }),
      compare({
        benchmark: 'order-load', metric: `resident memory of the ${services} services after the load`, unit: 'MB', ours: first.residentMbTotal, baseline: floor.residentMbPerProcess * services, better: 'lower',
        baselineLabel: `${services} processes the size of the floor's (Node, a NATS and a pg client)`, goal: { value: 400 },
      }),
      compare({
        benchmark: 'order-load', metric: 'resident memory after a second run of the load', unit: 'MB', ours: second.residentMbTotal, baseline: first.residentMbTotal, better: 'lower',
        baselineLabel: 'the same services after the first run', goal: { ratio: 1.1 },
      }),
    ];
    return {
      name: 'order-load',
      rows,
      details: {
        settings: { organizations: ORGS, orders: ORDERS, reads: READS, serial: SERIAL, inFlight: IN_FLIGHT, dynamicLimit: DYNAMIC_LIMIT },
        ours: { first, second },
        floor,
      },
    };
  } finally {
    await platform.stop();
    if (profiling) log(`  order load: CPU profiles of the services in ${PROFILE_DIR} (<service>.cpuprofile)`);
  }
}


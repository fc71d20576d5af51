import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freeLoopbackPort } from '@broker/platform';
import { NpmStartPlatform } from '../test/support/npm-start-platform';
import { ApiClient } from '../test/support/http-client';
import { compare, type BenchmarkOutcome, type ComparisonRow } from './support/bench-result';
import { BENCH_NATS_URL } from './support/bench-nats';
import { BENCH_DATABASE_URL, createBenchSchema, randomSuffix } from './support/bench-postgres';
import { msSince, now, perSecond, sleep } from './support/clock';
import { log } from './support/report';
import { summarize, type LatencySummary } from './support/statistics';

const setting = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
/** Bounded in count and time: every figure below is one burst of these sizes on loopback. */
const ORGS = setting('BENCH_LOAD_ORGS', 16);
const ORDERS = setting('BENCH_LOAD_ORDERS', 1000);
const READS = setting('BENCH_LOAD_READS', 2000);
const SERIAL = setting('BENCH_LOAD_SERIAL', 100);
const IN_FLIGHT = 32;
const PASSWORD = 'Xq9!wertzu';
/** Monthly price 5.00: a quantity of 1 is 60.00 a year, under this limit; 2 or more need the reseller's approval. */
const DYNAMIC_LIMIT = '100.00';

interface Burst {
  elapsedMs: number;
  latency: LatencySummary;
  perSecond: number;
  statuses: Record<string, number>;
}

interface Call {
  url: string;
  method: 'GET' | 'POST';
  token?: string;
  body?: unknown;
}

/** One HTTP call, timed from the request to the whole answer read. */
async function timed(call: Call): Promise<{ ms: number; status: number; body: string }> {
  const start = now();
  const response = await fetch(call.url, {
    method: call.method,
    headers: { ...(call.token ? { authorization: `Bearer ${call.token}` } : {}), ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  const body = await response.text();
  return { ms: msSince(start), status: response.status, body };
}

/** `count` calls with at most `inFlight` at a time; `onAnswer` sees each answer (its body, for the caller's books). */
async function burst(count: number, inFlight: number, callOf: (index: number) => Call, onAnswer?: (index: number, status: number, body: string) => void): Promise<Burst> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) {
        const index = next++;
        const answer = await timed(callOf(index));
        latencies.push(answer.ms);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        onAnswer?.(index, answer.status, answer.body);
      }
    }),
  );
  const elapsedMs = msSince(start);
  return { elapsedMs, latency: summarize(latencies), perSecond: perSecond(count, elapsedMs), statuses };
}

function ok<T = Record<string, unknown>>(response: { status: number; body: T }, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The service processes of one process group (the platform npm start runs): pid and resident memory (MB). */
function serviceProcesses(group: number): Record<string, { pid: number; residentMb: number }> {
  const lines = execFileSync('ps', ['-eo', 'pgid=,pid=,rss=,args='], { encoding: 'utf8' }).split('\n');
  const out: Record<string, { pid: number; residentMb: number }> = {};
  for (const line of lines) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+.*dist\/services\/([a-z]+)\/src\/main\.js/.exec(line);
    if (match && Number(match[1]) === group) out[match[4]!] = { pid: Number(match[2]), residentMb: Math.round(Number(match[3]) / 1024) };
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

/**
 * The same load on the floor of the same hops (floor-server.ts: HTTP, one NATS request-reply, one PostgreSQL
 * statement), with the same client, counts and concurrency.
 */
async function floorLoad(): Promise<LoadFigures> {
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
    return { orders, reads, serialRead, serialOrder };
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
 * admins read their organization's settings with 32 in flight, then one request at a time. Also: how long after the
 * burst the approved orders are all listed as subscriptions, and the services' memory afterwards. Each figure is
 * set next to the floor of the same hops measured in the same run (floorLoad).
 */
export async function runOrderLoadBenchmark(): Promise<BenchmarkOutcome> {
  const platform = new NpmStartPlatform({
    smtpUrl: () => 'smtp://127.0.0.1:9',
    databaseUrl: BENCH_DATABASE_URL,
    natsUrl: BENCH_NATS_URL,
    port: freeLoopbackPort,
    deploymentPrefix: 'bench',
    ...(profiling ? { env: { SERVICE_NODE_FLAGS: `--cpu-prof --cpu-prof-dir=${PROFILE_DIR}` } } : {}),
  });
  try {
    const started = now();
    await platform.start();
    log(`  order load: platform up (npm start) in ${(msSince(started) / 1000).toFixed(1)} s`);
    const api = platform.baseUrl;
    const anonymous = new ApiClient(api);
    const admin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    const t = randomSuffix();
    const resellerUsername = `rita@load${t}.example`;
    ok(
      await admin.post('/resellers', {
        name: `Load ${t}`, currency: 'EUR', notificationEmail: `n@load${t}.example`, supportEmail: `s@load${t}.example`,
        admin: { firstName: 'Rita', lastName: 'Reseller', username: resellerUsername, email: resellerUsername, password: PASSWORD },
      }),
      201,
      'the reseller',
    );
    const reseller = await anonymous.login(resellerUsername, PASSWORD);
    const productId = ok(
      await reseller.post('/catalog/products', { name: `Seat ${t}`, vendor: 'Contoso', sku: `SEAT-${t}`, description: 'One seat', billingFrequency: 'monthly', price: '5.00', cost: '3.00' }),
      201,
      'the product',
    ).id as string;

    const world = now();
    const orgs: { id: string; token: string; limited: boolean }[] = [];
    for (let i = 0; i < ORGS; i++) {
      const domain = `o${i}-load${t}.example`;
      const id = ok(await reseller.post('/organizations', { name: `Load ${t} ${i}`, primaryDomain: domain, notificationEmail: `it@${domain}` }), 201, 'an organization').id as string;
      ok(await reseller.request('PUT', `/organizations/${id}/store`, { products: [{ productId }] }), 200, 'an e-store');
      const limited = i % 2 === 1;
      if (limited) {
        const current = ok(await reseller.get(`/organizations/${id}/settings`), 200, 'settings');
        ok(await reseller.request('PUT', `/organizations/${id}/settings`, { ...current, dynamicApproval: { enabled: true, annualLimit: DYNAMIC_LIMIT } }), 200, 'a dynamic approval limit');
      }
      const username = `anna@${domain}`;
      ok(await reseller.post(`/organizations/${id}/users`, { username, firstName: 'Anna', lastName: 'Admin', email: username, role: 'org_admin', password: PASSWORD }), 201, 'an org admin');
      const login = ok(await anonymous.post('/auth/login', { username, password: PASSWORD }), 200, 'a login');
      orgs.push({ id, token: String(login.accessToken), limited });
    }
    const resellerToken = String(ok(await anonymous.post('/auth/login', { username: resellerUsername, password: PASSWORD }), 200, 'the reseller login').accessToken);
    log(`  order load: ${ORGS} organizations with their admins and e-stores in ${(msSince(world) / 1000).toFixed(1)} s`);

    const orderCall = (index: number): Call => {
      const org = orgs[index % orgs.length]!;
      return { url: `${api}/organizations/${org.id}/orders`, method: 'POST', token: org.token, body: { productId, quantity: 1 + (index % 3) } };
    };
    const approved: number[] = new Array(orgs.length).fill(0);
    const pending: string[] = [];
    const book = (index: number, status: number, body: string): void => {
      if (status !== 201) return;
      const answer = JSON.parse(body) as { status: string; transactionId: string };
      if (answer.status === 'approved') approved[index % orgs.length]! += 1;
      else pending.push(answer.transactionId);
    };
    await burst(Math.min(100, ORDERS), IN_FLIGHT, (index) => orderCall(ORDERS + index), book); // warm-up, counted in the books
    const orders = await burst(ORDERS, IN_FLIGHT, orderCall, book);
    const burstEnded = now();

    // Approved orders listed as subscriptions: the catalog's consumer and projection behind the burst.
    const expectedSubscriptions = approved.reduce((sum, n) => sum + n, 0);
    let listed = 0;
    const lagDeadline = Date.now() + 120_000;
    while (Date.now() < lagDeadline) {
      listed = 0;
      for (const org of orgs) {
        const answer = await timed({ url: `${api}/organizations/${org.id}/subscriptions?limit=500`, method: 'GET', token: org.token });
        listed += ((JSON.parse(answer.body) as { items?: unknown[] }).items ?? []).length;
      }
      if (listed >= expectedSubscriptions) break;
      await sleep(100);
    }
    const lagMs = msSince(burstEnded);
    if (listed < expectedSubscriptions) throw new Error(`Order load: ${listed} of ${expectedSubscriptions} approved orders listed as subscriptions 2 minutes after the burst`);

    const approvals = await burst(pending.length, IN_FLIGHT, (index) => ({ url: `${api}/approvals/${pending[index]}/approve`, method: 'POST', token: resellerToken, body: {} }));
    const readCall = (index: number): Call => {
      const org = orgs[index % orgs.length]!;
      return { url: `${api}/organizations/${org.id}/settings`, method: 'GET', token: org.token };
    };
    const reads = await burst(READS, IN_FLIGHT, readCall);
    const serialRead = (await burst(SERIAL, 1, readCall)).latency;
    const unlimited = orgs.findIndex((org) => !org.limited);
    const serialOrder = (await burst(SERIAL, 1, () => ({ ...orderCall(unlimited), body: { productId, quantity: 1 } }))).latency;
    const services = serviceProcesses(platform.processGroup);
    const residentMb = Object.fromEntries(Object.entries(services).map(([service, { residentMb: mb }]) => [service, mb]));
    const ours: LoadFigures = { orders, reads, serialRead, serialOrder };
    const unexpected = [orders, reads].flatMap((b) => Object.entries(b.statuses).filter(([status]) => status !== '200' && status !== '201'));
    if (unexpected.length > 0) log(`  order load: answers other than 200/201: ${JSON.stringify(unexpected)}`);

    log('  order load: the floor of the same hops (bare HTTP, one NATS request-reply, one PostgreSQL statement)...');
    const floor = await floorLoad();
    const totalMb = Object.values(residentMb).reduce((sum, mb) => sum + mb, 0);
    log(`  order load: ${ORDERS} orders ${orders.perSecond.toFixed(0)}/s (floor ${floor.orders.perSecond.toFixed(0)}/s), p50 ${orders.latency.medianMs.toFixed(1)} ms, p99 ${orders.latency.p99Ms.toFixed(1)} ms; ` +
      `approved orders all listed ${(lagMs / 1000).toFixed(2)} s after the burst; ${pending.length} approvals ${approvals.perSecond.toFixed(0)}/s; ` +
      `${READS} reads ${reads.perSecond.toFixed(0)}/s (floor ${floor.reads.perSecond.toFixed(0)}/s); one at a time: GET settings p50 ${serialRead.medianMs.toFixed(2)} ms ` +
      `(floor ${floor.serialRead.medianMs.toFixed(2)}), POST order p50 ${serialOrder.medianMs.toFixed(2)} ms (floor ${floor.serialOrder.medianMs.toFixed(2)}); services ${totalMb} MB resident`);

    const label = 'floor: bare HTTP + one NATS request-reply + one PostgreSQL statement';
    const rows: ComparisonRow[] = [
      compare({ benchmark: 'order-load', metric: `POST orders, ${IN_FLIGHT} in flight`, unit: 'requests/s', ours: orders.perSecond, baseline: floor.orders.perSecond, better: 'higher', baselineLabel: label }),
      compare({ benchmark: 'order-load', metric: `POST orders p99, ${IN_FLIGHT} in flight`, unit: 'ms', ours: orders.latency.p99Ms, baseline: floor.orders.latency.p99Ms, better: 'lower', baselineLabel: label }),
      compare({ benchmark: 'order-load', metric: `GET settings, ${IN_FLIGHT} in flight`, unit: 'requests/s', ours: reads.perSecond, baseline: floor.reads.perSecond, better: 'higher', baselineLabel: label }),
      compare({ benchmark: 'order-load', metric: 'GET settings p50, one at a time', unit: 'ms', ours: serialRead.medianMs, baseline: floor.serialRead.medianMs, better: 'lower', baselineLabel: label }),
      compare({ benchmark: 'order-load', metric: 'POST order p50, one at a time', unit: 'ms', ours: serialOrder.medianMs, baseline: floor.serialOrder.medianMs, better: 'lower', baselineLabel: label }),
    ];
    return {
      name: 'order-load',
      rows,
      details: {
        settings: { organizations: ORGS, orders: ORDERS, reads: READS, serial: SERIAL, inFlight: IN_FLIGHT, dynamicLimit: DYNAMIC_LIMIT },
        ours: { ...ours, approvals, approvedOnOrder: expectedSubscriptions, pendingApproval: pending.length, subscriptionsListedAfterBurstMs: lagMs, residentMb, residentMbTotal: totalMb },
        floor,
      },
    };
  } finally {
    await platform.stop();
    if (profiling) log(`  order load: CPU profiles of the services in ${PROFILE_DIR} (<service>.cpuprofile)`);
  }
}


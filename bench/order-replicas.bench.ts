import { compare, type BenchmarkOutcome } from './support/bench-result';
import { benchPlatform } from './support/bench-platform';
import { setting } from './support/bench-settings';
import { msSince, now } from './support/clock';
import { burst, type Burst } from './support/http-load';
import { buildOrderWorld } from './support/order-world';
import { log } from './support/report';

/** Bounded in count and time: one burst of these sizes on loopback per platform. */
const ORGS = setting('BENCH_REPLICAS_ORGS', 8);
const ORDERS = setting('BENCH_REPLICAS_ORDERS', 600);
const IN_FLIGHT = 32;
/** The services of the order path that scale: two processes each. */
const TWO = 'approvals=2,catalog=2,billing=2,notifications=2';

/** One platform as npm start runs it (SCALE given or not), a world of ORGS organizations, then a burst of orders. */
async function ordersOn(scale: string | null): Promise<Burst> {
  const platform = benchPlatform(scale ? { SCALE: scale } : undefined);
  try {
    const started = now();
    await platform.start();
    const { productId, orgs } = await buildOrderWorld(platform, ORGS, () => false, '100.00');
    const order = (index: number) => {
      const org = orgs[index % orgs.length]!;
      return { url: `${platform.baseUrl}/organizations/${org.id}/orders`, method: 'POST' as const, token: org.token, body: { productId, quantity: 1 } };
    };
    await burst(100, IN_FLIGHT, (index) => order(ORDERS + index)); // warm-up
    const orders = await burst(ORDERS, IN_FLIGHT, order);
    const refused = Object.entries(orders.statuses).filter(([status]) => status !== '201');
    if (refused.length > 0) throw new Error(`Order replicas: answers other than 201: ${JSON.stringify(refused)}`);
    log(`  replicas (${scale ?? 'one process each'}): ${ORDERS} orders ${orders.perSecond.toFixed(0)}/s, p50 ${orders.latency.medianMs.toFixed(1)} ms, p99 ${orders.latency.p99Ms.toFixed(1)} ms (${(msSince(started) / 1000).toFixed(1)} s in all)`);
    return orders;
  } finally {
    await platform.stop();
  }
}

/**
 * The order path with one process of each service against two processes of approvals, catalog, billing and
 * notifications (SCALE, as npm start runs it), the same burst on each, one after the other on this machine. On two
 * cores that are already saturated by one process of each, a second process adds contention, not capacity: the ratio
 * shows what scaling out costs or gains here, not what it gains on a machine with cores to spare.
 */
export async function runOrderReplicasBenchmark(): Promise<BenchmarkOutcome> {
  const one = await ordersOn(null);
  const two = await ordersOn(TWO);
  const label = 'one process of each service';
  return {
    name: 'order-replicas',
    rows: [
      compare({ benchmark: 'order-replicas', metric: `POST orders, ${IN_FLIGHT} in flight, two processes of approvals, catalog, billing, notifications`, unit: 'requests/s', ours: two.perSecond, baseline: one.perSecond, better: 'higher', baselineLabel: label }),
      compare({ benchmark: 'order-replicas', metric: `POST orders p99, ${IN_FLIGHT} in flight, the same`, unit: 'ms', ours: two.latency.p99Ms, baseline: one.latency.p99Ms, better: 'lower', baselineLabel: label }),
    ],
    details: { settings: { organizations: ORGS, orders: ORDERS, inFlight: IN_FLIGHT, scale: TWO }, one, two },
  };
}

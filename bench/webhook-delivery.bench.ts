import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { CatalogEvents, type ActorDto, type IntegrationEventEnvelope, type SubscriptionActivatedV1 } from '@broker/contracts';
import { encodeEnvelope, ensureEventStream, IntegrationEventConsumer } from '@broker/messaging';
import { PostgresDocumentStore, PostgresLeaseLock } from '@broker/postgres';
import { lookWhileLeader, mergeConsumers, type ServiceRuntime } from '@broker/runtime';
import { connect } from 'nats';
import {
  ACTIVITY_LOG,
  DIRECTORY_COLLECTIONS,
  NOTIFICATIONS,
  NotificationConsumers,
  parseNetworks,
  WEBHOOK_DELIVERIES,
  WEBHOOK_ENDPOINTS,
  WEBHOOK_OWNERS,
  WebhookEndpointsController,
  webhookHeaders,
  WebhookSender,
  type NotificationContext,
  type NotificationsConfig,
} from '../services/notifications/src/testing';
import { compare, type BenchmarkOutcome } from './support/bench-result';
import { benchDeployment, BENCH_NATS_URL } from './support/bench-nats';
import { createBenchSchema } from './support/bench-postgres';
import { setting } from './support/bench-settings';
import { msSince, now, perSecond, pollUntil } from './support/clock';
import { log } from './support/report';
import { summarize } from './support/statistics';

/** Tenants, each with one endpoint: deliveries to one endpoint go one at a time, so this is the parallelism. */
const TENANTS = setting('BENCH_WEBHOOK_TENANTS', 8);
const EVENTS = setting('BENCH_WEBHOOK_EVENTS', 800);
/** Events sent one at a time (the next once the previous arrived) for the latency a delivery adds. */
const SINGLES = setting('BENCH_WEBHOOK_SINGLES', 60);

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A receiver on the loopback: answers 200 and stamps when each event id arrived. */
async function startReceiver(arrived: Map<string, bigint>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = req.headers['webhook-id'];
      if (typeof id === 'string' && !arrived.has(id)) arrived.set(id, now());
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, server };
}

/** One signed POST of `body`, the way a client would send it without any queue: the floor of a delivery. */
function rawPost(url: URL, body: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`raw post answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Outgoing webhooks as the notifications service runs them (its consumers on JetStream, the delivery queue in
 * PostgreSQL, the sender on a lease, signed POSTs to a receiver on the loopback), against signed raw POSTs of the same
 * bodies to the same receiver: delivery throughput of a burst with the same parallelism (one stream per endpoint),
 * and the time from one event's publication to its arrival, one at a time, against one raw POST's round trip.
 */
export async function runWebhookDeliveryBenchmark(): Promise<BenchmarkOutcome> {
  const names = benchDeployment('bwh');
  const schema = await createBenchSchema('bench_webhooks', 6);
  const nats = await connect({ servers: BENCH_NATS_URL, name: `${names.deployment}-bench` });
  const store = new PostgresDocumentStore(schema.connection);
  const lock = new PostgresLeaseLock(schema.connection);
  const consumers: IntegrationEventConsumer[] = [];
  const stop = new AbortController();
  let sending: Promise<void> | null = null;
  const arrived = new Map<string, bigint>();
  const receiver = await startReceiver(arrived);
  try {
    await ensureEventStream(await nats.jetstreamManager(), names, {});
    await store.init();
    for (const collection of [...DIRECTORY_COLLECTIONS, NOTIFICATIONS, ACTIVITY_LOG, WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS, WEBHOOK_DELIVERIES]) await store.ensureCollection(collection);
    const context: NotificationContext = {
      settings: { from: { name: 'Broker', address: 'no-reply@broker.example' }, messageIdDomain: 'broker.example', publicUrl: 'https://portal.example', maxEventAgeMs: 0 },
      logger: silent,
      now: () => new Date(),
    };
    const definitions = mergeConsumers(new NotificationConsumers(context).consumers()).filter((d) => d.name === 'webhooks_catalog');
    for (const definition of definitions) {
      const consumer = new IntegrationEventConsumer({
        names, service: 'notifications', consumer: definition.name, filterSubject: names.eventSubjectsOf(definition.from), documentStore: store, handlers: definition.handlers, nats, backoffMs: 100, logger: pino({ level: 'silent' }),
      });
      await consumer.start();
      consumers.push(consumer);
    }
    const endpoints = new WebhookEndpointsController(store, { WEBHOOK_ALLOW_HTTP: true, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8' } as NotificationsConfig);
    const tenants = Array.from({ length: TENANTS }, () => ({ resellerId: randomUUID(), organizationId: randomUUID() }));
    const secrets: string[] = [];
    for (const tenant of tenants) {
      const actor: ActorDto = { userId: randomUUID(), role: 'org_admin', ...tenant };
      const created = await endpoints.create({ actor, scope: 'organization', tenantId: tenant.organizationId, url: receiver.url, eventTypes: [CatalogEvents.subscriptionActivated.type] });
      secrets.push(created.secret);
    }
    const sender = new WebhookSender({
      store, context, policy: { allowHttp: true, allowedNetworks: parseNetworks('127.0.0.0/8') }, retry: { baseMs: 100, maxMs: 1_000, retryForMs: 60_000, disableAfterFailures: 1_000 }, timeoutMs: 5_000, concurrency: TENANTS,
    });
    sending = lookWhileLeader({
      runtime: { leaderLock: lock } as unknown as ServiceRuntime, logger: pino({ level: 'silent' }), name: 'notifications:webhook-sender', what: 'webhook sender', intervalMs: 20, stop: stop.signal,
      look: (signal) => sender.look(signal),
    });

    const makeEvents = (count: number): IntegrationEventEnvelope<SubscriptionActivatedV1>[] => Array.from({ length: count }, (_, i) => {
      const tenant = tenants[i % TENANTS]!;
      const data: SubscriptionActivatedV1 = {
        subscriptionId: randomUUID(), ...tenant, productId: randomUUID(), productName: 'Backup Pro', billingFrequency: 'monthly', unitPrice: '21.00', unitCost: '15.00', currency: 'EUR', quantity: 5, effectiveAt: new Date().toISOString(), transactionId: randomUUID(),
      };
      return { id: randomUUID(), type: CatalogEvents.subscriptionActivated.type, occurredAt: new Date().toISOString(), correlationId: randomUUID(), causationId: randomUUID(), ...tenant, data };
    });
    const events = makeEvents(EVENTS);

    const js = nats.jetstream();
    const publish = (envelope: IntegrationEventEnvelope<unknown>) => js.publish(names.eventSubject(envelope.type), encodeEnvelope(envelope), { msgID: envelope.id });

    // Latency: one event at a time, from its publication (as a service's outbox does) to its arrival.
    const latencies: number[] = [];
    for (const envelope of makeEvents(SINGLES)) {
      const published = now();
      await publish(envelope);
      await pollUntil(() => arrived.has(envelope.id), 30_000, 'a single webhook delivered', 1);
      latencies.push(Number(arrived.get(envelope.id)! - published) / 1e6);
    }

    // Throughput: a burst of events published at once, delivered through the queue.
    const oursStart = now();
    for (const envelope of events) await publish(envelope);
    await pollUntil(() => events.every((e) => arrived.has(e.id)), 120_000, 'every webhook delivered', 5);
    const oursMs = msSince(oursStart);
    log(`  webhooks: ${EVENTS} events to ${TENANTS} endpoints delivered in ${oursMs.toFixed(0)} ms; ${SINGLES} single events one at a time`);

    // Baseline: the same signed bodies POSTed straight to the receiver, one stream per endpoint.
    const url = new URL(receiver.url);
    const rawLatencies: number[] = [];
    const rawStart = now();
    await Promise.all(
      tenants.map(async (_, t) => {
        for (let i = t; i < events.length; i += TENANTS) {
          const envelope = events[i]!;
          const body = JSON.stringify({ type: envelope.type, timestamp: envelope.occurredAt, data: envelope.data, id: envelope.id });
          const started = now();
          await rawPost(url, body, webhookHeaders(secrets[t]!, `raw-${envelope.id}`, Math.floor(Date.now() / 1000), body, 'bench'));
          rawLatencies.push(msSince(started));
        }
      }),
    );
    const rawMs = msSince(rawStart);
    // A raw POST one at a time, for the latency baseline.
    const singleRaw: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const envelope = events[i]!;
      const body = JSON.stringify({ type: envelope.type, timestamp: envelope.occurredAt, data: envelope.data, id: envelope.id });
      const started = now();
      await rawPost(url, body, webhookHeaders(secrets[i % TENANTS]!, `single-${envelope.id}`, Math.floor(Date.now() / 1000), body, 'bench'));
      singleRaw.push(msSince(started));
    }
    const ours = summarize(latencies);
    const raw = summarize(singleRaw);
    return {
      name: 'webhook-delivery',
      rows: [
        compare({ benchmark: 'Webhook delivery', metric: 'deliveries/s', unit: '/s', ours: perSecond(EVENTS, oursMs), baseline: perSecond(EVENTS, rawMs), better: 'higher', baselineLabel: `raw signed POSTs, ${TENANTS} streams` }),
        compare({ benchmark: 'Webhook delivery', metric: 'publish to arrival, median (one at a time)', unit: 'ms', ours: ours.medianMs, baseline: raw.medianMs, better: 'lower', baselineLabel: 'a raw signed POST round trip' }),
        compare({ benchmark: 'Webhook delivery', metric: 'publish to arrival, p99 (one at a time)', unit: 'ms', ours: ours.p99Ms, baseline: raw.p99Ms, better: 'lower', baselineLabel: 'a raw signed POST round trip' }),
      ],
      details: { events: EVENTS, singles: SINGLES, tenants: TENANTS, oursMs, rawMs, ours, raw, burstRawRoundTrip: summarize(rawLatencies) },
    };
  } finally {
    stop.abort();
    await sending;
    for (const consumer of consumers) await consumer.stop();
    await new Promise((resolve) => receiver.server.close(resolve));
    await lock.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    await (await nats.jetstreamManager()).streams.delete(names.eventStream).catch(() => undefined);
    await nats.close();
    await schema.drop();
  }
}

import { randomBytes } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import type { ReplicaHealth } from '@broker/contracts';
import { ServiceReplicas } from './service-replicas';

const codec = JSONCodec<ReplicaHealth>();
const WINDOW_MS = 300;

const replica = (instance: string, leases: string[]): ReplicaHealth => ({
  instance,
  status: 'up',
  checks: { nats: { status: 'up' } },
  startedAt: new Date().toISOString(),
  leads: { projections: [], outbox: leases.includes('outbox:catalog'), leases },
});

/** Replicas answering on the machine's NATS server, each subscribed without a queue group as the services are. */
describe('ServiceReplicas (against NATS)', () => {
  const prefix = `it_${randomBytes(4).toString('hex')}.rpc.`;
  let nats: NatsConnection;

  beforeAll(async () => {
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'service-replicas-test' });
  });

  afterAll(async () => {
    await nats?.close();
  });

  const answerAs = (health: ReplicaHealth, delayMs = 0) =>
    nats.subscribe(`${prefix}catalog.health.replicas`, { callback: (_error, msg) => setTimeout(() => msg.respond(codec.encode(health)), delayMs) });

  it('gathers every replica that answers within the window, and names who leads each lease', async () => {
    const subscriptions = [answerAs(replica('b-2-bbbbbb', ['projection:catalog_subscriptions:v1'])), answerAs(replica('a-1-aaaaaa', ['outbox:catalog'])), answerAs(replica('late-3-cccccc', []), WINDOW_MS + 500)];
    await nats.flush();
    try {
      const started = Date.now();
      const health = await new ServiceReplicas(nats, prefix, WINDOW_MS).gather('catalog');
      expect(Date.now() - started).toBeLessThan(WINDOW_MS + 400);
      expect(health.replicas.map((r) => r.instance)).toEqual(['a-1-aaaaaa', 'b-2-bbbbbb']);
      expect(health.leaders).toEqual({ 'outbox:catalog': 'a-1-aaaaaa', 'projection:catalog_subscriptions:v1': 'b-2-bbbbbb' });
    } finally {
      subscriptions.forEach((s) => s.unsubscribe());
    }
  });

  it('ends once the replicas went quiet, well before the window when all answered', async () => {
    const subscriptions = [answerAs(replica('a-1-aaaaaa', [])), answerAs(replica('b-2-bbbbbb', []), 20)];
    await nats.flush();
    try {
      const started = Date.now();
      const health = await new ServiceReplicas(nats, prefix, 2000).gather('catalog');
      expect(health.replicas.map((r) => r.instance)).toEqual(['a-1-aaaaaa', 'b-2-bbbbbb']);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      subscriptions.forEach((s) => s.unsubscribe());
    }
  });

  it('shows no replica when none listens', async () => {
    expect(await new ServiceReplicas(nats, prefix, WINDOW_MS).gather('billing')).toEqual({ replicas: [], leaders: {} });
  });
});

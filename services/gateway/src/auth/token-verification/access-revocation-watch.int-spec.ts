import { randomBytes } from 'node:crypto';
import { connect, type KV, type NatsConnection } from 'nats';
import pino from 'pino';
import { accessRevocationKey, accessRevocationValue, deploymentNames, type AccessRevocation } from '@broker/contracts';
import { NatsConnectionMonitor } from '@broker/messaging';
import { PrivateNatsServer, waitUntil } from '@broker/messaging/testing';
import { AccessRevocationWatch } from './access-revocation-watch';

jest.setTimeout(60_000);

/** The gateway's side of ADR 0035 against a real NATS server of the test's own, which it kills and restarts. */
describe('AccessRevocationWatch (NATS)', () => {
  const logger = pino({ level: 'silent' });
  const bucket = deploymentNames(`t_${randomBytes(5).toString('hex')}`).accessRevocationBucket;
  const connections: NatsConnection[] = [];
  let server: PrivateNatsServer;
  let watch: AccessRevocationWatch;
  let writer: NatsConnection;

  async function connectForEver(name: string): Promise<NatsConnection> {
    const monitor = new NatsConnectionMonitor({ name, logger, policy: { initialDelayMs: 50, maxDelayMs: 200 } });
    const nats = await connect({ servers: server.url, name, ...monitor.connectionOptions() });
    monitor.watch(nats);
    connections.push(nats);
    return nats;
  }

  /** Written once JetStream answers (after a restart it takes a moment). */
  async function write(revocation: AccessRevocation): Promise<void> {
    await waitUntil(async () => {
      try {
        const kv: KV = await writer.jetstream().views.kv(bucket, { history: 1, ttl: 960_000 });
        await kv.put(accessRevocationKey(revocation), accessRevocationValue(revocation));
        return true;
      } catch {
        return false;
      }
    }, 'the revocation written', 20_000);
  }

  const holder = (n: number) => ({ userId: `user-${n}`, sessionId: `session-${n}`, userRevision: 3 });

  beforeAll(async () => {
    server = await PrivateNatsServer.start();
    writer = await connectForEver('writer');
    watch = new AccessRevocationWatch(await connectForEver('gateway'), bucket, logger, { retryMs: 100 });
    watch.start();
  });

  afterAll(async () => {
    await watch?.stop();
    for (const nats of connections) await nats.close().catch(() => undefined);
    await server?.destroy();
  });

  it('is not current while the bucket is missing, then follows it from its first entry', async () => {
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(watch.current()).toBeNull();
    await write({ kind: 'session', sessionId: 'session-1' });
    await waitUntil(() => watch.current() !== null, 'the watch is current', 10_000);
    await waitUntil(() => watch.current()?.allows(holder(1)) === false, 'the ended session is seen', 5000);
    expect(watch.current()!.allows(holder(2))).toBe(true);
  });

  it("sees a user's revocation as soon as it is written, and only for sessions opened before it", async () => {
    await write({ kind: 'user', userId: 'user-2', sessionsEndedAt: 4 });
    await waitUntil(() => watch.current()?.allows(holder(2)) === false, 'the user revocation is seen', 5000);
    expect(watch.current()!.allows({ ...holder(2), userRevision: 4 })).toBe(true);
  });

  it('stops trusting its state the moment the connection drops, and follows everything again once the server is back', async () => {
    await server.kill();
    await waitUntil(() => watch.current() === null, 'the state is no longer trusted', 10_000);
    await server.restart();
    await write({ kind: 'session', sessionId: 'session-3' });
    await waitUntil(() => watch.current()?.allows(holder(3)) === false, 'the watch follows again', 20_000);
    // What was written before the outage is still there in the fresh watch.
    expect(watch.current()!.allows(holder(1))).toBe(false);
    expect(watch.current()!.allows(holder(2))).toBe(false);
  });
});

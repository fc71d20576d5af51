import { randomBytes } from 'node:crypto';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { deploymentNames, event, rpc, type NoPayload } from '@broker/contracts';
import { encodeEnvelope, eventHandlers, on, RpcCallError, RpcClient, RpcHandler } from '@broker/messaging';
import { integrationEnvelope, PrivateNatsServer, waitUntil } from '@broker/messaging/testing';
import { BaseServiceConfig, createLogger, loadConfig } from '@broker/platform';
import { dropSchema, TEST_DATABASE_URL } from '@broker/postgres/testing';
import { createServiceApp, type ServiceDefinition } from './run-service';
import { ServiceRuntime } from './service-runtime';

// A backing service (runtime, RPC server, a JetStream consumer) and a gateway-like RPC client on a NATS server of
// the test's own, killed for 2 s and then for longer than nats.js used to keep trying (10 attempts, 2 s apart).

const PINGED = event<NoPayload>('organizations.pinged.v1');
const PINGS = { name: 'pings', indexes: {} };
const EchoRpc = { echo: rpc<{ text: string }, { text: string }>('catalog.echo') } as const;

@Controller()
class EchoController {
  @RpcHandler(EchoRpc.echo)
  echo(@Payload() payload: { text: string }): { text: string } {
    return { text: payload.text };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const definition: ServiceDefinition<BaseServiceConfig> = { service: 'catalog', configClass: BaseServiceConfig, module: EchoModule };

describe('a service and its clients across NATS outages (private NATS server killed and restarted)', () => {
  const deployment = `outage_${randomBytes(4).toString('hex')}`;
  const names = deploymentNames(deployment);
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'catalog',
    level: 'debug',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const unrecoverable: string[] = [];
  let server: PrivateNatsServer;
  let runtime: ServiceRuntime | undefined;
  let app: INestMicroservice | undefined;
  let client: RpcClient | undefined;

  beforeAll(async () => {
    server = await PrivateNatsServer.start();
    const config = loadConfig(BaseServiceConfig, { NATS_URL: server.url, DATABASE_URL: TEST_DATABASE_URL, DEPLOYMENT_NAME: deployment });
    const onUnrecoverable = (reason: string): void => void unrecoverable.push(reason);
    runtime = await ServiceRuntime.create({ service: 'catalog', config, logger, onUnrecoverable });
    app = await createServiceApp(definition, runtime, { config, logger, onUnrecoverable });
    await app.init();
    await runtime.documentStore.ensureCollection(PINGS);
    await runtime.startBackgroundWork({
      consumers: [
        {
          name: 'pings',
          from: 'organizations',
          handlers: eventHandlers(on(PINGED, async (envelope, uow) => void (await uow.upsert(PINGS.name, envelope.id, { at: envelope.occurredAt })))),
        },
      ],
    });
    await app.listen();
    client = new RpcClient({ deployment, servers: server.url, name: 'gateway-like', logger, timeoutMs: 3000 });
    await client.connect();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.stop();
    await client?.close();
    await server?.destroy();
    await dropSchema(names.schema('catalog'));
  }, 60_000);

  async function echo(text: string): Promise<string> {
    return (await client!.call(EchoRpc.echo, { text })).text;
  }

  async function publishPing(): Promise<string> {
    const envelope = integrationEnvelope(PINGED, {}, { correlationId: 'outage-test', causationId: 'outage-test' });
    await runtime!.nats.jetstream().publish(names.eventSubject(PINGED.type), encodeEnvelope(envelope), { msgID: envelope.id });
    return envelope.id;
  }

  async function applied(id: string): Promise<boolean> {
    return (await runtime!.documentStore.get(PINGS.name, id)) !== null;
  }

  /** Everything works: health up, a request answered, an integration event consumed. */
  async function expectWorking(): Promise<void> {
    await waitUntil(async () => (await runtime!.health()).checks.nats?.status === 'up', 'NATS health up', 20_000);
    // The client and the service reconnect on their own schedules: the first requests may find nobody subscribed.
    let answer: string | undefined;
    await waitUntil(
      async () => {
        answer = await echo('hello').catch(() => undefined);
        return answer !== undefined;
      },
      'an RPC answer',
      20_000,
    );
    expect(answer).toBe('hello');
    const id = await publishPing();
    await waitUntil(() => applied(id), `integration event ${id} consumed`, 20_000);
  }

  async function outage(ms: number): Promise<void> {
    const killedAt = Date.now();
    await server.kill();
    await waitUntil(async () => (await runtime!.health()).checks.nats?.status === 'reconnecting', 'NATS health reconnecting', 5000);
    const health = await runtime!.health();
    expect(health.status).toBe('down');
    expect(health.checks.nats?.detail).toMatch(/reconnecting for \d+ s, \d+ attempt\(s\)/);
    const refused = await echo('during').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RpcCallError);
    expect(refused).toMatchObject({ code: 'RPC.UNAVAILABLE', status: 503 });
    // What the gateway's /health shows for each service meanwhile.
    expect((refused as RpcCallError).message).toMatch(/^NATS gateway-like: reconnecting for \d+ s, \d+ attempt\(s\); catalog\.echo not sent$/);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - (Date.now() - killedAt))));
    expect((await runtime!.health()).checks.nats?.status).toBe('reconnecting');
    await server.restart();
    await expectWorking();
  }

  it('comes back on its own after 2 s and after 25 s away, and says so in health and logs', async () => {
    await expectWorking();

    await outage(2000);
    await outage(25_000);

    expect(unrecoverable).toEqual([]);
    const logged = (message: string) => new Set(lines.filter((line) => line.msg === message).map((line) => line.nats));
    const connections = [`${deployment}-catalog-events`, `${deployment}-catalog-rpc`, `${deployment}-catalog-rpc-server`, 'gateway-like'];
    expect([...logged('NATS connection lost; reconnecting')].sort()).toEqual(connections.sort());
    expect([...logged('NATS connection restored')].sort()).toEqual(connections.sort());
    const lost = lines.find((line) => line.msg === 'NATS connection lost; reconnecting');
    expect(lost?.level).toBe('warn');
  }, 120_000);
});

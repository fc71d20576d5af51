import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, Inject, Module, Param, Put, type INestApplication, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { rpc } from '@broker/contracts';
import { RpcClient, RpcHandler, statusForCode } from '@broker/messaging';
import { PrivateNatsServer, waitUntil } from '@broker/messaging/testing';
import { BaseServiceConfig, createLogger, freeLoopbackPort, loadConfig, ProbeServer, ProblemDetailsFilter } from '@broker/platform';
import { PrivatePostgresCluster } from '@broker/postgres/testing';
import type { DocumentStore } from '@broker/read-models';
import { createServiceApp, serviceReadiness, type ServiceDefinition } from './run-service';
import { DOCUMENT_STORE } from './runtime.tokens';
import { ServiceRuntime } from './service-runtime';

// A service whose PostgreSQL cluster stops at once (as in a crash) and starts again, asked through an HTTP front
// like the gateway's: while the database is away requests answer 503 STORE.UNAVAILABLE with Retry-After, and they
// work again once it is back, without restarting anything.

const NOTES = { name: 'notes', indexes: {} };
const NotesRpc = {
  get: rpc<{ id: string }, { text: string | null }>('catalog.notes.get'),
  put: rpc<{ id: string; text: string }, { text: string }>('catalog.notes.put'),
} as const;

@Controller()
class NotesController {
  constructor(@Inject(DOCUMENT_STORE) private readonly store: DocumentStore) {}

  @RpcHandler(NotesRpc.get)
  async get(@Payload() payload: { id: string }): Promise<{ text: string | null }> {
    return { text: (await this.store.get<{ text: string }>(NOTES.name, payload.id))?.data.text ?? null };
  }

  @RpcHandler(NotesRpc.put)
  async put(@Payload() payload: { id: string; text: string }): Promise<{ text: string }> {
    await this.store.upsert(NOTES.name, payload.id, { text: payload.text });
    return { text: payload.text };
  }
}

@Module({ controllers: [NotesController] })
class NotesModule {}

@Controller('notes')
class NotesHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':id')
  get(@Param('id') id: string): Promise<unknown> {
    return this.rpc.call(NotesRpc.get, { id });
  }

  @Put(':id')
  put(@Param('id') id: string, @Body() body: { text: string }): Promise<unknown> {
    return this.rpc.call(NotesRpc.put, { id, text: body.text });
  }
}

const definition: ServiceDefinition<BaseServiceConfig> = { service: 'catalog', configClass: BaseServiceConfig, module: NotesModule };

describe('a service across a PostgreSQL crash and restart (private cluster), asked over HTTP', () => {
  const deployment = `pgdown_${randomBytes(4).toString('hex')}`;
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: 'catalog',
    level: 'info',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const unrecoverable: string[] = [];
  let cluster: PrivatePostgresCluster;
  let nats: PrivateNatsServer;
  let runtime: ServiceRuntime | undefined;
  let service: INestMicroservice | undefined;
  let http: INestApplication | undefined;
  let rpc: RpcClient | undefined;
  let probes: ProbeServer | undefined;
  let base: string;
  let probeBase: string;

  beforeAll(async () => {
    [cluster, nats] = await Promise.all([PrivatePostgresCluster.start(), PrivateNatsServer.start()]);
    const config = loadConfig(BaseServiceConfig, { NATS_URL: nats.url, DATABASE_URL: cluster.url('broker'), DEPLOYMENT_NAME: deployment });
    const onUnrecoverable = (reason: string): void => void unrecoverable.push(reason);
    runtime = await ServiceRuntime.create({ service: 'catalog', config, logger, onUnrecoverable });
    await runtime.documentStore.ensureCollection(NOTES);
    service = await createServiceApp(definition, runtime, { config, logger, onUnrecoverable });
    await service.listen();

    rpc = new RpcClient({ deployment, servers: nats.url, logger, timeoutMs: 5000 });
    @Module({ controllers: [NotesHttpController], providers: [{ provide: RpcClient, useValue: rpc }] })
    class FrontModule {}
    http = await NestFactory.create(FrontModule, { logger: false });
    http.useGlobalFilters(new ProblemDetailsFilter(logger, { statusForCode: (code) => statusForCode(code) }));
    await http.listen(0, '127.0.0.1');
    base = await http.getUrl();
    const probePort = await freeLoopbackPort();
    const started = runtime;
    probes = new ProbeServer({ port: probePort, host: '127.0.0.1', logger, readiness: () => serviceReadiness(started) });
    await probes.listen();
    probes.markStarted();
    probeBase = `http://127.0.0.1:${probePort}`;
  }, 120_000);

  afterAll(async () => {
    await probes?.close();
    await http?.close();
    await rpc?.close();
    await service?.close();
    await runtime?.stop();
    await nats?.destroy();
    cluster?.destroy();
  }, 60_000);

  async function call(method: 'GET' | 'PUT', id: string, text?: string): Promise<{ status: number; retryAfter: string | null; type: string | null; body: Record<string, unknown> }> {
    const response = await fetch(`${base}/notes/${id}`, {
      method,
      ...(text === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
  }

  it('answers 503 STORE.UNAVAILABLE with Retry-After while the database is down, and works again after', async () => {
    expect(await call('PUT', 'n1', 'before')).toMatchObject({ status: 200, body: { text: 'before' } });
    expect(await call('GET', 'n1')).toMatchObject({ status: 200, retryAfter: null, body: { text: 'before' } });

    cluster.stopImmediately();
    for (const answer of [await call('GET', 'n1'), await call('PUT', 'n2', 'during')]) {
      expect(answer).toMatchObject({ status: 503, retryAfter: '2', body: { status: 503, code: 'STORE.UNAVAILABLE', type: 'urn:broker:problem:STORE.UNAVAILABLE' } });
      expect(answer.type).toMatch(/^application\/problem\+json/);
    }
    expect((await runtime!.health()).checks.postgres?.status).toBe('down');
    // The cluster's probes: not ready (take no traffic), yet live (not restarted: the outage is waited out).
    const ready = await fetch(`${probeBase}/ready`);
    expect({ status: ready.status, body: await ready.json() }).toMatchObject({ status: 503, body: { status: 'not ready', checks: { postgres: { status: 'down' } } } });
    expect((await fetch(`${probeBase}/live`)).status).toBe(200);

    cluster.restart();
    let after: Awaited<ReturnType<typeof call>> | undefined;
    await waitUntil(async () => (after = await call('GET', 'n1')).status === 200, 'reads to work again', 20_000);
    expect(after!.body).toEqual({ text: 'before' });
    expect(await call('PUT', 'n2', 'after')).toMatchObject({ status: 200, body: { text: 'after' } });
    expect(await call('GET', 'n2')).toMatchObject({ status: 200, body: { text: 'after' } });
    expect((await runtime!.health()).checks.postgres?.status).toBe('up');
    expect((await fetch(`${probeBase}/ready`)).status).toBe(200);

    expect(unrecoverable).toEqual([]);
    expect(lines.filter((line) => line.msg === 'Store temporarily unavailable; answered STORE.UNAVAILABLE').length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((line) => line.msg === 'Unexpected error in message handler')).toEqual([]);
  }, 60_000);
});

import { randomBytes } from 'node:crypto';
import { rpc, type NoPayload } from '@broker/contracts';
import { createLogger, currentContext, runWithContext, validationPipe, type CorrelationContext } from '@broker/platform';
import { Controller, Inject, Module, type DynamicModule, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload, type NatsContext } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { PrefixedNatsServer } from './prefixed-nats.server';
import { RpcCallError } from './rpc-call.error';
import { RpcClient } from './rpc-client';
import { RpcErrorFilter } from './rpc-error.filter';
import { RpcHandler } from './rpc-handler.decorator';

// Gateway -> service request-reply against the real NATS server on loopback.

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const deployment = `rpc${randomBytes(4).toString('hex')}`;
const otherDeployment = `rpc${randomBytes(4).toString('hex')}`;
const logger = createLogger({ service: 'catalog', level: 'silent' });

class TagDto {
  @IsString()
  label!: string;
}

class CreateThingDto {
  @IsString()
  @Length(1, 20)
  name!: string;

  @IsInt()
  @Min(1)
  quantity!: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => TagDto)
  tags?: TagDto[];
}

class ThingNotFound extends Error {
  readonly code = 'THING.NOT_FOUND';
  constructor(readonly id: string) {
    super(`Thing ${id} not found`);
  }
  get details() {
    return { id: this.id };
  }
}

const ThingsRpc = {
  create: rpc<CreateThingDto, { name: string; quantity: number; isDto: boolean; tags: TagDto[] }>('things.create'),
  get: rpc<{ id: string }, never>('things.get'),
  whoami: rpc<{ seq?: number }, { instance: string; subject: string; context: CorrelationContext | null }>('things.whoami'),
  crash: rpc<NoPayload, never>('things.crash'),
  slow: rpc<{ ms: number }, { done: boolean }>('things.slow'),
  nobodyListens: rpc<NoPayload, never>('things.nobody-listens'),
  /** What no well-typed caller can send: the service's validation must refuse it. */
  createUnchecked: rpc<unknown, never>('things.create'),
} as const;

/** Which instance handled which request, across every server of this test file. */
const handled: { instance: string; seq: number }[] = [];
let slowStarted: () => void = () => undefined;
const INSTANCE = Symbol('instance');

@Controller()
class ThingsController {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @RpcHandler(ThingsRpc.create)
  create(@Payload() dto: CreateThingDto) {
    return { name: dto.name, quantity: dto.quantity, isDto: dto instanceof CreateThingDto, tags: dto.tags ?? [] };
  }

  @RpcHandler(ThingsRpc.get)
  get(@Payload() payload: { id: string }): never {
    throw new ThingNotFound(payload.id);
  }

  @RpcHandler(ThingsRpc.whoami)
  async whoami(@Payload() payload: { seq?: number }, @Ctx() ctx: NatsContext) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (payload.seq !== undefined) handled.push({ instance: this.instance, seq: payload.seq });
    return { instance: this.instance, subject: ctx.getSubject(), context: currentContext() ?? null };
  }

  @RpcHandler(ThingsRpc.crash)
  crash(): never {
    throw new TypeError('secret internal detail');
  }

  @RpcHandler(ThingsRpc.slow)
  async slow(@Payload() payload: { ms: number }) {
    slowStarted();
    await new Promise((resolve) => setTimeout(resolve, payload.ms));
    return { done: true };
  }
}

@Module({})
class ThingsModule {
  static forInstance(instance: string): DynamicModule {
    return {
      module: ThingsModule,
      controllers: [ThingsController],
      providers: [{ provide: INSTANCE, useValue: instance }],
    };
  }
}

async function startService(instance: string, deploymentName = deployment): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(ThingsModule.forInstance(instance), {
    strategy: new PrefixedNatsServer({ deployment: deploymentName, service: 'catalog', servers: NATS_URL }),
    logger: false,
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new RpcErrorFilter(logger));
  await app.listen();
  return app;
}

async function callError(promise: Promise<unknown>): Promise<RpcCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RpcCallError)) throw new Error(`expected an RpcCallError, got ${String(error)}`);
  return error;
}

describe('RPC over NATS (PrefixedNatsServer, RpcErrorFilter, RpcClient)', () => {
  let serviceA: INestMicroservice;
  let client: RpcClient;
  const started: INestMicroservice[] = [];

  beforeAll(async () => {
    serviceA = await startService('a');
    started.push(serviceA);
    client = new RpcClient({ deployment, servers: NATS_URL, timeoutMs: 5000 });
    await client.connect();
  });

  afterAll(async () => {
    await client?.close();
    for (const app of started) await app.close();
  });

  it('round-trips a valid request, transformed into its DTO, on the prefixed subject', async () => {
    const reply = await client.call(
      ThingsRpc.create,
      { name: 'widget', quantity: 3, tags: [{ label: 'x' }] },
    );
    expect(reply).toEqual({ name: 'widget', quantity: 3, isDto: true, tags: [{ label: 'x' }] });

    const who = await client.call(ThingsRpc.whoami, {});
    expect(who.subject).toBe(`${deployment}.rpc.things.whoami`);
  });

  it('answers an invalid payload and unknown fields as VALIDATION (400) with field errors', async () => {
    const error = await callError(
      client.call(ThingsRpc.createUnchecked, { name: '', quantity: 0, tags: [{ label: 7 }], color: 'red' }),
    );
    expect(error.code).toBe('VALIDATION');
    expect(error.status).toBe(400);
    expect(error.pattern).toBe('things.create');
    const fields = (error.errors ?? []).map((e) => e.field).sort();
    expect(fields).toEqual(['color', 'name', 'quantity', 'tags.0.label']);
    expect(error.errors).toContainEqual({ field: 'color', message: 'property color should not exist' });
  });

  it('carries a typed domain error to the caller with its code, details and mapped status', async () => {
    const error = await callError(client.call(ThingsRpc.get, { id: 't-42' }));
    expect(error).toMatchObject({ code: 'THING.NOT_FOUND', status: 404, message: 'Thing t-42 not found' });
    expect(error.details).toEqual({ id: 't-42' });
  });

  it('hides an unexpected error behind INTERNAL (500)', async () => {
    const error = await callError(client.call(ThingsRpc.crash, {}));
    expect(error).toMatchObject({ code: 'INTERNAL', status: 500, message: 'Internal error' });
    expect(JSON.stringify(error)).not.toContain('secret internal detail');
  });

  it('runs the handler in the caller correlation context, or a fresh one when there is none', async () => {
    const ctx: CorrelationContext = { correlationId: 'corr-rpc-1', causationId: 'cause-9', actor: 'user-5' };
    const reply = await runWithContext(ctx, () => client.call(ThingsRpc.whoami, {}));
    expect(reply.context).toEqual(ctx);

    const bare = await client.call(ThingsRpc.whoami, {});
    expect(bare.context?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bare.context?.correlationId).not.toBe('corr-rpc-1');
  });

  it('shares requests across a queue group, and another deployment never sees them', async () => {
    const serviceB = await startService('b');
    const foreign = await startService('foreign', otherDeployment);
    started.push(serviceB, foreign);
    handled.length = 0;

    const count = 40;
    await Promise.all(Array.from({ length: count }, (_, seq) => client.call(ThingsRpc.whoami, { seq })));

    const seqs = handled.map((h) => h.seq).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: count }, (_, i) => i)); // each exactly once
    const byInstance = (name: string) => handled.filter((h) => h.instance === name).length;
    expect(byInstance('a')).toBeGreaterThan(0);
    expect(byInstance('b')).toBeGreaterThan(0);
    expect(byInstance('foreign')).toBe(0);

    const foreignClient = new RpcClient({ deployment: otherDeployment, servers: NATS_URL });
    try {
      const reply = await foreignClient.call(ThingsRpc.whoami, {});
      expect(reply.instance).toBe('foreign');
    } finally {
      await foreignClient.close();
    }
  });

  it('answers RPC.UNAVAILABLE (503) when no service listens, without waiting for the timeout', async () => {
    const error = await callError(client.call(ThingsRpc.nobodyListens, {}, { timeoutMs: 10_000 }));
    expect(error).toMatchObject({ code: 'RPC.UNAVAILABLE', status: 503 });
    expect(error.message).toBe('No service answers things.nobody-listens');

    const lonely = new RpcClient({ deployment: `rpc${randomBytes(4).toString('hex')}`, servers: NATS_URL });
    try {
      const other = await callError(lonely.call(ThingsRpc.create, { name: 'a', quantity: 1 }));
      expect(other.code).toBe('RPC.UNAVAILABLE');
    } finally {
      await lonely.close();
    }
  });

  it('answers RPC.UNAVAILABLE when the service does not answer in time', async () => {
    const error = await callError(client.call(ThingsRpc.slow, { ms: 500 }, { timeoutMs: 50 }));
    expect(error).toMatchObject({ code: 'RPC.UNAVAILABLE', status: 503 });
    expect(error.message).toBe('No answer to things.slow within 50 ms');
  });

  it('lets a request in flight answer when the service shuts down', async () => {
    const drainDeployment = `rpc${randomBytes(4).toString('hex')}`;
    const app = await startService('draining', drainDeployment);
    const drainClient = new RpcClient({ deployment: drainDeployment, servers: NATS_URL });
    try {
      const handlerStarted = new Promise<void>((resolve) => (slowStarted = resolve));
      const reply = drainClient.call(ThingsRpc.slow, { ms: 200 });
      await handlerStarted;
      await app.close();
      await expect(reply).resolves.toEqual({ done: true });
      const after = await callError(drainClient.call(ThingsRpc.slow, { ms: 1 }));
      expect(after.code).toBe('RPC.UNAVAILABLE');
    } finally {
      slowStarted = () => undefined;
      await drainClient.close();
    }
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, setTracingEnabled, startTracing, validationPipe, type Tracing } from '@broker/platform';
import { rpc } from '@broker/contracts';
import { PrefixedNatsServer, RpcClient, RpcErrorFilter, RpcHandler } from '@broker/messaging';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { IsBoolean, IsInt, IsString, Length, Min } from 'class-validator';
import { connect, JSONCodec, type NatsConnection, type Subscription } from 'nats';
import { compare, type BenchmarkOutcome } from './support/bench-result';
import { benchDeployment, BENCH_NATS_URL } from './support/bench-nats';
import { msSince, now } from './support/clock';
import { log } from './support/report';
import { summarize, type LatencySummary } from './support/statistics';

const WARM_UP = 200;
const REQUESTS = 2000;
/** Ours and the baseline take turns in rounds, so drift on the shared machine hits both alike. */
const ROUNDS = 4;
const TIMEOUT_MS = 5000;

class EchoDto {
  @IsString()
  @Length(1, 64)
  id!: string;

  @IsInt()
  @Min(0)
  seq!: number;

  @IsString()
  text!: string;

  @IsBoolean()
  flag!: boolean;
}

const EchoRpc = { echo: rpc<EchoDto, EchoDto>('bench.echo') } as const;

@Controller()
class EchoController {
  @RpcHandler(EchoRpc.echo)
  echo(@Payload() dto: EchoDto): EchoDto {
    return dto;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

function payload(seq: number): EchoDto {
  return { id: `req-${seq}`, seq, text: 'the quick brown fox jumps over the lazy dog', flag: seq % 2 === 0 };
}

function sameEcho(reply: unknown, sent: EchoDto): boolean {
  const r = reply as Partial<EchoDto> | null;
  return !!r && r.id === sent.id && r.seq === sent.seq && r.text === sent.text && r.flag === sent.flag;
}

async function timeRequests(count: number, firstSeq: number, call: (body: EchoDto) => Promise<unknown>, samples: number[] | null): Promise<void> {
  for (let i = 0; i < count; i++) {
    const body = payload(firstSeq + i);
    const start = now();
    const reply = await call(body);
    const elapsed = msSince(start);
    if (!sameEcho(reply, body)) throw new Error(`RPC benchmark: wrong echo for ${body.id}: ${JSON.stringify(reply)}`);
    samples?.push(elapsed);
  }
}

/** A collector on loopback that takes OTLP exports and drops them: the exporter's whole path runs, nothing is kept. */
async function discardingCollector(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Round trip of one request through Nest over NATS (PrefixedNatsServer, the global validation pipe, RpcErrorFilter,
 * RpcClient) against a raw nats.js request answered by a raw subscription (JSON decoded and re-encoded on both
 * sides, its own connection per side and a queue group, as Nest has). Sequential requests. A second baseline gives
 * the raw request a subscription of its own per request (`noMux`), as Nest's ClientNats does. A fourth side is ours
 * with tracing on (client and server spans, exported by OTLP to a collector on loopback that drops them); the other
 * sides run with tracing off, as a deployment without OTEL_EXPORTER_OTLP_ENDPOINT does.
 */
export async function runRpcRoundTripBenchmark(): Promise<BenchmarkOutcome> {
  const names = benchDeployment('brpc');
  const logger = createLogger({ service: 'bench', level: 'silent' });
  let app: INestMicroservice | undefined;
  let client: RpcClient | undefined;
  let responder: NatsConnection | undefined;
  let requester: NatsConnection | undefined;
  let collector: { url: string; server: Server } | undefined;
  let tracing: Tracing | undefined;
  try {
    collector = await discardingCollector();
    tracing = startTracing({ enabled: true, tracesUrl: `${collector.url}/v1/traces`, sampleRatio: 1, batchDelayMs: 200 }, { service: 'bench', deployment: names.deployment }, logger);
    setTracingEnabled(false);
    app = await NestFactory.createMicroservice(EchoModule, {
      strategy: new PrefixedNatsServer({ deployment: names.deployment, service: 'catalog', servers: BENCH_NATS_URL }),
      logger: false,
    });
    app.useGlobalPipes(validationPipe());
    app.useGlobalFilters(new RpcErrorFilter(logger));
    await app.listen();
    client = new RpcClient({ deployment: names.deployment, servers: BENCH_NATS_URL, timeoutMs: TIMEOUT_MS, name: `${names.deployment}-client` });
    await client.connect();

    const codec = JSONCodec<EchoDto>();
    const rawSubject = `${names.deployment}.raw.echo`;
    responder = await connect({ servers: BENCH_NATS_URL, name: `${names.deployment}-raw-responder` });
    requester = await connect({ servers: BENCH_NATS_URL, name: `${names.deployment}-raw-requester` });
    const subscription: Subscription = responder.subscribe(rawSubject, {
      queue: names.rpcQueue('catalog'),
      callback: (error, msg) => {
        if (error) return;
        msg.respond(codec.encode(codec.decode(msg.data)));
      },
    });
    await responder.flush();
    const rpc = client;
    const raw = requester;
    const sides: { name: string; call: (body: EchoDto) => Promise<unknown>; samples: number[] }[] = [
      { name: 'ours', call: (body) => rpc.call(EchoRpc.echo, body), samples: [] },
      {
        name: 'raw',
        call: async (body) => codec.decode((await raw.request(rawSubject, codec.encode(body), { timeout: TIMEOUT_MS })).data),
        samples: [],
      },
      {
        name: 'ours, tracing on',
        call: async (body) => {
          setTracingEnabled(true);
          try {
            return await rpc.call(EchoRpc.echo, body);
          } finally {
            setTracingEnabled(false);
          }
        },
        samples: [],
      },
      {
        // Nest's ClientNats subscribes a fresh inbox per request; this shows what that alone costs a raw request.
        name: 'raw per-request inbox',
        call: async (body) => codec.decode((await raw.request(rawSubject, codec.encode(body), { timeout: TIMEOUT_MS, noMux: true })).data),
        samples: [],
      },
    ];

    log(`  rpc: warm-up ${WARM_UP} requests each`);
    for (const side of sides) await timeRequests(WARM_UP, 0, side.call, null);
    const perRound = REQUESTS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      const first = WARM_UP + round * perRound;
      for (let k = 0; k < sides.length; k++) {
        const side = sides[(k + round) % sides.length]!;
        await timeRequests(perRound, first, side.call, side.samples);
      }
    }
    log(`  rpc: ${REQUESTS} sequential requests each, in ${ROUNDS} rotating rounds`);
    await subscription.drain();

    const [oursSummary, baselineSummary, tracedSummary, noMuxSummary] = sides.map((side) => summarize(side.samples)) as [LatencySummary, LatencySummary, LatencySummary, LatencySummary];
    const common = { benchmark: 'RPC round trip', unit: 'ms', better: 'lower' as const, baselineLabel: 'raw nc.request' };
    return {
      name: 'rpc-round-trip',
      rows: [
        compare({ ...common, metric: 'median', ours: oursSummary.medianMs, baseline: baselineSummary.medianMs, goal: { ratio: 1.2 } }),
        compare({ ...common, metric: 'p99', ours: oursSummary.p99Ms, baseline: baselineSummary.p99Ms, goal: { ratio: 1.5 } }),
        compare({ ...common, metric: 'median', ours: oursSummary.medianMs, baseline: noMuxSummary.medianMs, baselineLabel: 'raw, inbox per request' }),
        compare({ ...common, benchmark: 'RPC round trip, tracing on', metric: 'median', ours: tracedSummary.medianMs, baseline: oursSummary.medianMs, baselineLabel: 'ours, tracing off' }),
        compare({ ...common, benchmark: 'RPC round trip, tracing on', metric: 'p99', ours: tracedSummary.p99Ms, baseline: oursSummary.p99Ms, baselineLabel: 'ours, tracing off' }),
      ],
      details: { warmUp: WARM_UP, requests: REQUESTS, rounds: ROUNDS, ours: oursSummary, baseline: baselineSummary, baselineInboxPerRequest: noMuxSummary, tracingOn: tracedSummary },
    };
  } finally {
    await client?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await requester?.close().catch(() => undefined);
    await responder?.close().catch(() => undefined);
    await tracing?.shutdown();
    await new Promise<void>((resolve) => (collector ? collector.server.close(() => resolve()) : resolve()));
  }
}

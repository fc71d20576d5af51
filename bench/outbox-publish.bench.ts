import { randomUUID } from 'node:crypto';
import { BACKING_SERVICES, event, type DeploymentNames, type IntegrationEventEnvelope, type ServiceName } from '@broker/contracts';
import { START, type EventToAppend, type GlobalPosition, type RecordedEvent } from '@broker/event-sourcing';
import {
  CAUSATION_ID_HEADER,
  CORRELATION_ID_HEADER,
  encodeEnvelope,
  ensureEventStream,
  envelopeFromEvent,
  EVENT_TYPE_HEADER,
  OutboxPublisher,
  type IntegrationEventMapper,
  type JetStreamLogger,
} from '@broker/messaging';
import { PostgresDocumentStore, PostgresEventStore, PostgresLeaseLock } from '@broker/postgres';
import { connect, headers as natsHeaders, type JetStreamClient, type JetStreamManager, type MsgHdrs, type NatsConnection, type PubAck } from 'nats';
import { compare, type BenchmarkOutcome } from './support/bench-result';
import { benchDeployment, BENCH_NATS_URL } from './support/bench-nats';
import { createBenchSchema } from './support/bench-postgres';
import { msSince, now, perSecond, pollUntil, withTimeout } from './support/clock';
import { log } from './support/report';
import { median } from './support/statistics';

const EVENTS = 5000;
const EVENTS_PER_APPEND = 50;
/** The publisher's default window, passed explicitly so the windowed baseline is sure to use the same. */
const PUBLISH_WINDOW = 16;
/** The publisher's default read batch, also passed explicitly. */
const BATCH_SIZE = 200;
/** Rounds of (ours, raw windowed, raw sequential), each into fresh streams; the order rotates per round. */
const ROUNDS = 5;
const SEQUENTIAL_WARM_UP = 500;
const RUN_TIMEOUT_MS = 60_000;
// A synthetic event: the bench measures publishing, whatever the payload.
const SEATS_CHANGED = event<Record<string, unknown>>('catalog.subscription-seats-changed.v1');

const mapper: IntegrationEventMapper = (event: RecordedEvent) => envelopeFromEvent(event, SEATS_CHANGED, event.data);

interface RawMessage {
  subject: string;
  data: Uint8Array;
  msgID: string;
  headers: MsgHdrs;
}

/** Exactly what the publisher sends for each envelope (subject, payload, headers, msgID, expected stream). */
function rawMessages(names: DeploymentNames, envelopes: readonly IntegrationEventEnvelope<unknown>[]): RawMessage[] {
  return envelopes.map((envelope) => {
    const headers = natsHeaders();
    headers.set(CORRELATION_ID_HEADER, envelope.correlationId);
    headers.set(CAUSATION_ID_HEADER, envelope.causationId);
    headers.set(EVENT_TYPE_HEADER, envelope.type);
    return { subject: names.eventSubject(envelope.type), data: encodeEnvelope(envelope), msgID: envelope.id, headers };
  });
}

/** Publishes with at most `window` acks outstanding, awaited in order (window 1 = one at a time). */
async function publishRaw(js: JetStreamClient, stream: string, messages: readonly RawMessage[], window: number): Promise<void> {
  const inFlight: Promise<PubAck>[] = [];
  const check = (ack: PubAck): void => {
    if (ack.duplicate) throw new Error(`Outbox benchmark: raw publish of ${ack.seq} reported a duplicate`);
  };
  try {
    for (const message of messages) {
      const pending = js.publish(message.subject, message.data, { msgID: message.msgID, headers: message.headers, expect: { streamName: stream } });
      pending.catch(() => undefined);
      inFlight.push(pending);
      if (inFlight.length >= window) check(await inFlight.shift()!);
    }
    while (inFlight.length > 0) check(await inFlight.shift()!);
  } finally {
    await Promise.allSettled(inFlight);
  }
}

function quietLogger(problems: string[]): JetStreamLogger {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (fields, message) => void problems.push(`warn: ${message} ${JSON.stringify(fields)}`),
    error: (fields, message) => void problems.push(`error: ${message} ${JSON.stringify(fields)}`),
  };
}

/** Every event of the store in global order (the publisher's order), waiting while the read horizon is held back. */
async function readEverything(store: PostgresEventStore, expected: number): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: GlobalPosition = START;
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  while (events.length < expected) {
    const page = await store.readAll({ after, maxCount: 1000 });
    events.push(...page.events);
    after = page.lastPosition;
    if (!page.isFull && events.length < expected) {
      if (Date.now() > deadline) throw new Error(`Outbox benchmark: only ${events.length} of ${expected} events readable`);
      await store.waitForEvents(100);
    }
  }
  return events;
}

/**
 * OutboxPublisher draining N stored events to JetStream (read from PostgreSQL in batches, map, publish with
 * Nats-Msg-Id, acks windowed, checkpoint per batch) against publishing the same N messages raw with the same ack
 * window, and one at a time. Each run publishes into its own fresh stream on one shared NATS connection.
 */
export async function runOutboxPublishBenchmark(): Promise<BenchmarkOutcome> {
  const schema = await createBenchSchema('bench_outbox');
  const eventStore = new PostgresEventStore(schema.connection);
  const documentStore = new PostgresDocumentStore(schema.connection);
  const lock = new PostgresLeaseLock(schema.connection);
  let nats: NatsConnection | undefined;
  let jsm: JetStreamManager | undefined;
  const streams: string[] = [];
  const problems: string[] = [];

  const freshStream = async (prefix: string): Promise<DeploymentNames> => {
    const names = benchDeployment(prefix);
    streams.push(names.eventStream);
    await ensureEventStream(jsm!, names);
    return names;
  };
  const dropStream = async (names: DeploymentNames, expectedMessages: number): Promise<void> => {
    const info = await jsm!.streams.info(names.eventStream);
    if (info.state.messages !== expectedMessages) {
      throw new Error(`Outbox benchmark: stream ${names.eventStream} holds ${info.state.messages} messages, expected ${expectedMessages}`);
    }
    await jsm!.streams.delete(names.eventStream);
    streams.splice(streams.indexOf(names.eventStream), 1);
  };

  try {
    await eventStore.init();
    await documentStore.init();
    nats = await connect({ servers: BENCH_NATS_URL, name: `bench-outbox-${schema.connection.schema}` });
    jsm = await nats.jetstreamManager();
    const js = nats.jetstream();
    const connection = nats;

    const runId = randomUUID();
    for (let s = 0; s < EVENTS / EVENTS_PER_APPEND; s++) {
      const streamId = `subscription-${runId}-${s}`;
      const batch: EventToAppend[] = Array.from({ length: EVENTS_PER_APPEND }, (_, i) => ({
        id: randomUUID(),
        type: 'SubscriptionSeatsChanged',
        data: { subscriptionId: streamId, productId: 'prod-office-e3', seats: 10 + i, previousSeats: 10 + i - 1 },
        metadata: { correlationId: randomUUID(), causationId: randomUUID(), actorId: 'user-42', resellerId: 'res-1', organizationId: 'org-7' },
      }));
      await eventStore.appendToStream(streamId, batch, 'no_stream');
    }
    const envelopes = (await readEverything(eventStore, EVENTS)).map((event) => mapper(event)!);

    const runOurs = async (service: ServiceName): Promise<number> => {
      const names = await freshStream('bout');
      const publisher = new OutboxPublisher({
        service,
        names,
        eventStore,
        checkpoints: documentStore.checkpoints,
        leaderLock: lock,
        nats: connection,
        mapper,
        publishWindow: PUBLISH_WINDOW,
        batchSize: BATCH_SIZE,
        lockRetryMs: 100,
        logger: quietLogger(problems),
      });
      const start = now();
      let elapsed: number;
      try {
        await publisher.start();
        await pollUntil(() => publisher.stats().published + publisher.stats().duplicates >= EVENTS, RUN_TIMEOUT_MS, `the outbox publisher to publish ${EVENTS} events`);
        elapsed = msSince(start);
      } finally {
        await withTimeout(publisher.stop(), RUN_TIMEOUT_MS, 'the outbox publisher to stop');
      }
      const stats = publisher.stats();
      if (stats.published !== EVENTS || stats.duplicates !== 0 || stats.failures !== 0) {
        throw new Error(`Outbox benchmark: unexpected publisher stats ${JSON.stringify(stats)}; ${problems.join('; ')}`);
      }
      await dropStream(names, EVENTS);
      return elapsed;
    };
    const runRaw = async (window: number, count = EVENTS): Promise<number> => {
      const names = await freshStream(window === 1 ? 'bseq' : 'bwin');
      const messages = rawMessages(names, envelopes.slice(0, count));
      const start = now();
      await withTimeout(publishRaw(js, names.eventStream, messages, window), RUN_TIMEOUT_MS, `raw publish of ${count} messages`);
      const elapsed = msSince(start);
      await dropStream(names, count);
      return elapsed;
    };

    log(`  outbox: ${EVENTS} events stored; warm-up`);
    await runOurs('gateway');
    await runRaw(PUBLISH_WINDOW);
    await runRaw(1, SEQUENTIAL_WARM_UP);

    const kinds = ['ours', 'windowed', 'sequential'] as const;
    const elapsedMs: Record<(typeof kinds)[number], number[]> = { ours: [], windowed: [], sequential: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(k + round) % kinds.length]!;
        if (kind === 'ours') elapsedMs.ours.push(await runOurs(BACKING_SERVICES[round % BACKING_SERVICES.length]!));
        else if (kind === 'windowed') elapsedMs.windowed.push(await runRaw(PUBLISH_WINDOW));
        else elapsedMs.sequential.push(await runRaw(1));
      }
    }
    const rate = (runs: number[]): number => perSecond(EVENTS, median(runs));
    const ours = rate(elapsedMs.ours);
    const windowed = rate(elapsedMs.windowed);
    const sequential = rate(elapsedMs.sequential);
    log(`  outbox: ${ROUNDS} rounds of ${EVENTS} messages per side (median run reported)`);

    const common = { benchmark: 'JetStream publish', unit: 'msg/s', better: 'higher' as const };
    return {
      name: 'outbox-publish',
      rows: [
        compare({ ...common, metric: `outbox, window ${PUBLISH_WINDOW}`, ours, baseline: windowed, baselineLabel: `raw js.publish, window ${PUBLISH_WINDOW}` }),
        compare({ ...common, metric: `outbox, window ${PUBLISH_WINDOW}`, ours, baseline: sequential, baselineLabel: 'raw js.publish, sequential' }),
      ],
      details: {
        events: EVENTS,
        publishWindow: PUBLISH_WINDOW,
        batchSize: BATCH_SIZE,
        rounds: ROUNDS,
        elapsedMs,
        messagesPerSecond: { ours, rawWindowed: windowed, rawSequential: sequential },
      },
    };
  } finally {
    for (const stream of [...streams]) await jsm?.streams.delete(stream).catch(() => undefined);
    await lock.close().catch(() => undefined);
    await eventStore.close().catch(() => undefined);
    await documentStore.close().catch(() => undefined);
    await nats?.close().catch(() => undefined);
    await schema.drop();
  }
}

import { WrongExpectedRevisionError, type AppendResult, type EventStore, type EventToAppend, type ExpectedRevision, type StreamAppend } from '@broker/event-sourcing';
import type { MetricsScrape } from '@broker/platform';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from well under a millisecond (a cached read) to the 10 s an RPC client waits at most. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What a scrape reads of an outbox's or a projection's backlog. */
interface Backlog {
  events: number;
  oldestAgeSeconds: number;
}

/** What the metrics read of a running integration-event consumer at each scrape. */
export interface ObservedConsumer {
  readonly consumerName: string;
  pendingCount(): Promise<number>;
  parkedCount(): Promise<number>;
}

/** What the metrics read of the outbox publisher at each scrape. */
export interface ObservedOutbox {
  stats(): { leader: boolean };
  backlog(limit?: number): Promise<Backlog>;
}

/** What the metrics read of a running projection at each scrape. */
export interface ObservedProjection {
  readonly checkpointName: string;
  readonly isLeader: boolean;
  backlog(limit?: number): Promise<Backlog>;
}

/** Projection backlogs are counted up to this many events per scrape. */
const BACKLOG_COUNTED_UP_TO = 1000;

export type ConsumerOutcome = 'applied' | 'duplicates' | 'skipped' | 'retries' | 'parked';

/**
 * One service's Prometheus metrics: Node's own runtime metrics (event-loop lag, heap, GC, handles), the RPC
 * requests it handled (by subject and outcome), its event-store appends, and its integration-event consumers (what
 * waits for them, what they parked, what they did). Labels stay bounded: subjects are the service's own patterns,
 * outcomes are "ok" or a contract's error code, consumers are named in code; never an id. Each service has a
 * registry of its own, so two in one process (the tests) never mix their series.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly rpcDuration: Histogram<'subject' | 'outcome'>;
  private readonly appendDuration: Histogram<'outcome'>;
  private readonly eventsAppended: Counter;
  private readonly consumerMessages: Counter<'consumer' | 'outcome'>;
  private consumers: () => readonly ObservedConsumer[] = () => [];
  private projections: () => readonly ObservedProjection[] = () => [];
  private outbox: () => ObservedOutbox | null = () => null;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.rpcDuration = new Histogram({
      name: 'broker_rpc_server_duration_seconds',
      help: 'RPC requests handled by this service, by subject and outcome (ok or the error code answered)',
      labelNames: ['subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.appendDuration = new Histogram({
      name: 'broker_event_store_append_duration_seconds',
      help: 'Appends to the event store (one call, one or more events), by outcome: ok, conflict (another writer came first) or error',
      labelNames: ['outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.eventsAppended = new Counter({ name: 'broker_event_store_events_appended_total', help: 'Events in appends the event store accepted (an idempotent repeat of an append counts again)', registers });
    this.consumerMessages = new Counter({
      name: 'broker_consumer_messages_total',
      help: 'Integration events a consumer handled, by outcome: applied, duplicates (already applied), skipped (no handler), retries, parked',
      labelNames: ['consumer', 'outcome'],
      registers,
    });
    const consumers = (): readonly ObservedConsumer[] => this.consumers();
    const consumerSeries = (count: (consumer: ObservedConsumer) => Promise<number>) => async (): Promise<Series<'consumer'>[]> => {
      const series: Series<'consumer'>[] = [];
      for (const consumer of consumers()) {
        const value = await count(consumer).catch(() => null);
        if (value !== null) series.push({ labels: { consumer: consumer.consumerName }, value });
      }
      return series;
    };
    seriesGauge(
      registers,
      'broker_consumer_pending_messages',
      'Messages of a durable consumer not yet acknowledged (not yet delivered, or delivered and awaiting their ack), all instances',
      ['consumer'],
      consumerSeries((consumer) => consumer.pendingCount()),
    );
    seriesGauge(
      registers,
      'broker_consumer_parked_messages',
      'Messages a consumer parked (all instances, all time) that wait for an operator',
      ['consumer'],
      consumerSeries((consumer) => consumer.parkedCount()),
    );
    const projections = (): readonly ObservedProjection[] => this.projections();
    // One read of each projection's backlog serves both gauges of a scrape: their collects start side by side and
    // share the read in flight.
    let reading: Promise<Map<string, Backlog>> | null = null;
    const backlogs = (): Promise<Map<string, Backlog>> => {
      reading ??= (async () => {
        const read = new Map<string, Backlog>();
        for (const projection of projections()) {
          const backlog = await projection.backlog(BACKLOG_COUNTED_UP_TO).catch(() => null);
          if (backlog !== null) read.set(projection.checkpointName, backlog);
        }
        return read;
      })().finally(() => {
        reading = null;
      });
      return reading;
    };
    const projectionSeries = (value: (backlog: Backlog) => number) => async (): Promise<Series<'projection'>[]> =>
      [...(await backlogs())].map(([projection, backlog]) => ({ labels: { projection }, value: value(backlog) }));
    seriesGauge(
      registers,
      'broker_projection_lag_events',
      `Events a projection handles that its checkpoint has not reached yet (counted up to ${BACKLOG_COUNTED_UP_TO})`,
      ['projection'],
      projectionSeries((backlog) => backlog.events),
    );
    seriesGauge(
      registers,
      'broker_projection_lag_seconds',
      'Age of the oldest event a projection has not applied yet (0 when it is caught up)',
      ['projection'],
      projectionSeries((backlog) => backlog.oldestAgeSeconds),
    );
    new Gauge({
      name: 'broker_projection_leader',
      help: 'Whether this instance leads the projection (1) or stands by (0)',
      labelNames: ['projection'],
      registers,
      collect() {
        this.reset();
        for (const projection of projections()) this.set({ projection: projection.checkpointName }, projection.isLeader ? 1 : 0);
      },
    });
    const outbox = (): ObservedOutbox | null => this.outbox();
    // Unlabelled: with no backlog read, the reset leaves 0.
    const outboxSeries = (value: (backlog: Backlog) => number) => async (): Promise<Series<never>[]> => {
      const backlog = await outbox()?.backlog(BACKLOG_COUNTED_UP_TO).catch(() => null);
      return backlog ? [{ labels: {}, value: value(backlog) }] : [];
    };
    seriesGauge(
      registers,
      'broker_outbox_lag_events',
      `Events written to the event store and not yet published to JetStream (counted up to ${BACKLOG_COUNTED_UP_TO})`,
      [],
      outboxSeries((backlog) => backlog.events),
    );
    seriesGauge(
      registers,
      'broker_outbox_lag_seconds',
      'Age of the oldest event not yet published (0 when the outbox is drained)',
      [],
      outboxSeries((backlog) => backlog.oldestAgeSeconds),
    );
    new Gauge({
      name: 'broker_outbox_leader',
      help: 'Whether this instance publishes the outbox (1) or stands by (0)',
      registers,
      collect() {
        this.reset();
        const publisher = outbox();
        if (publisher) this.set(publisher.stats().leader ? 1 : 0);
      },
    });
  }

  /** One handled RPC request. */
  observeRpc(subject: string, outcome: string, seconds: number): void {
    this.rpcDuration.observe({ subject, outcome }, seconds);
  }

  /** A counter of the service's own, in its registry (labels bounded, as every other). */
  counter<Label extends string>(name: string, help: string, labelNames: readonly Label[]): Counter<Label> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A gauge of the service's own whose series are read at each scrape. */
  gaugeReadAtScrape<Label extends string>(name: string, help: string, labelNames: readonly Label[], read: () => Promise<readonly Series<Label>[]>): void {
    seriesGauge([this.registry], name, help, labelNames, () => read().catch(() => []));
  }

  /** The outbox publisher whose backlog and leadership each scrape reads (none in a service that publishes nothing). */
  observeOutbox(outbox: () => ObservedOutbox | null): void {
    this.outbox = outbox;
  }

  /** The projections whose backlog and leadership each scrape reads. */
  observeProjections(projections: () => readonly ObservedProjection[]): void {
    this.projections = projections;
  }

  consumerOutcome(consumer: string, outcome: ConsumerOutcome): void {
    this.consumerMessages.inc({ consumer, outcome });
  }

  /** The consumers whose backlog and parked messages each scrape reads. */
  observeConsumers(consumers: () => readonly ObservedConsumer[]): void {
    this.consumers = consumers;
  }

  /** The same store, each append timed and its events counted. */
  meteredEventStore(store: EventStore): EventStore {
    return new MeteredEventStore(store, this.appendDuration, this.eventsAppended);
  }

  async scrape(): Promise<MetricsScrape> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

interface Series<Label extends string> {
  labels: Record<Label, string>;
  value: number;
}

/** A gauge whose series are all read at each scrape: the read first, then the last scrape's series replaced at once. */
function seriesGauge<Label extends string>(registers: Registry[], name: string, help: string, labelNames: readonly Label[], read: () => Promise<readonly Series<Label>[]>): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers,
    async collect() {
      const series = await read();
      this.reset();
      for (const { labels, value } of series) this.set(labels as Partial<Record<Label, string | number>>, value);
    },
  });
}

class MeteredEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly duration: Histogram<'outcome'>,
    private readonly appended: Counter,
  ) {}

  appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.timed(events.length, () => this.inner.appendToStream(streamId, events, expected));
  }

  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.timed(appends.reduce((sum, append) => sum + append.events.length, 0), () => this.inner.appendToStreams(appends));
  }

  readStream: EventStore['readStream'] = (streamId, options) => this.inner.readStream(streamId, options);
  readAll: EventStore['readAll'] = (options) => this.inner.readAll(options);
  waitForEvents: EventStore['waitForEvents'] = (timeoutMs, signal) => this.inner.waitForEvents(timeoutMs, signal);
  close: EventStore['close'] = () => this.inner.close();

  private async timed<T>(events: number, append: () => Promise<T>): Promise<T> {
    const stop = this.duration.startTimer();
    try {
      const result = await append();
      stop({ outcome: 'ok' });
      this.appended.inc(events);
      return result;
    } catch (error) {
      stop({ outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'error' });
      throw error;
    }
  }
}

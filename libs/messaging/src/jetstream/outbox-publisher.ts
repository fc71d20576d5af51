import type { DeploymentNames, IntegrationEventEnvelope, ServiceName } from '@broker/contracts';
import {
  backlogAfter,
  comparePositions,
  formatPosition,
  parsePosition,
  START,
  type Backlog,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
} from '@broker/event-sourcing';
import { abortableSleep, LeaseFencedError, type Checkpoints, type LeaderLease, type LeaderLock } from '@broker/read-models';
import { headers as natsHeaders, type JetStreamClient, type NatsConnection, type PubAck } from 'nats';
import { activeTraceCarrier, inSpan, readTraceCarrier, SpanKind, tracingEnabled, type TraceCarrier } from '@broker/platform';
import { setTraceHeaders } from '../rpc/rpc-headers';
import { CAUSATION_ID_HEADER, CORRELATION_ID_HEADER, encodeEnvelope, EVENT_TYPE_HEADER } from './integration-event-codec';
import { InvalidMessagingOptionsError } from './jetstream.errors';
import { errorFields, stderrJetStreamLogger, type JetStreamLogger } from './jetstream-logger';

/** Maps one internal event to its integration event, or null when the event stays inside the service. */
export type IntegrationEventMapper = (event: RecordedEvent) => IntegrationEventEnvelope<unknown> | null;

export interface OutboxPublisherOptions {
  service: ServiceName;
  names: DeploymentNames;
  /** The service's own event store: it is the outbox. */
  eventStore: EventStore;
  /** Where the publisher's position is kept (the service's document store, whose leases the lock hands out). */
  checkpoints: Checkpoints;
  /** One active publisher per service: the lease `outbox:<service>`; standbys wait for it. Saves fence on it. */
  leaderLock: LeaderLock;
  nats: NatsConnection;
  mapper: IntegrationEventMapper;
  /** Events read per batch. Default 200. */
  batchSize?: number;
  /** Longest wait for new events once caught up. Default 1000 ms. */
  idleWaitMs?: number;
  /** Publishes awaiting their ack at once (acks are still awaited in order). 1 = one at a time. Default 16. */
  publishWindow?: number;
  /** How often a standby tries to take the lock. Default 1000 ms. */
  lockRetryMs?: number;
  /** Pause after a failure (NATS or store unreachable) before trying again. Default 1000 ms. */
  errorBackoffMs?: number;
  logger?: JetStreamLogger;
  /** Whether the NATS connection is up now: failures while it reconnects are expected and logged as warnings. */
  natsConnected?: () => boolean;
}

export interface OutboxPublisherStats {
  /** Messages JetStream stored (new). */
  published: number;
  /** Messages JetStream reported as duplicates (already stored within the duplicate window). */
  duplicates: number;
  /** Events the mapper kept internal. */
  internal: number;
  /** Checkpoint the publisher last saved or started from (`commit:prepare`), null before any. */
  lastPosition: string | null;
  /** True while this instance holds the lock. */
  leader: boolean;
  failures: number;
}

/** Checkpoint and lock name of a service's outbox publisher. */
export function outboxName(service: ServiceName): string {
  return `outbox:${service}`;
}

/**
 * Publishes a service's integration events from its event store to JetStream, in commit order, at least once.
 * The checkpoint advances only after JetStream acknowledged every message of the batch; a crash in between
 * re-publishes, and JetStream drops the copies by `Nats-Msg-Id` (= event id) within its duplicate window.
 */
export class OutboxPublisher {
  private readonly name: string;
  private readonly batchSize: number;
  private readonly idleWaitMs: number;
  private readonly publishWindow: number;
  private readonly lockRetryMs: number;
  private readonly errorBackoffMs: number;
  private readonly logger: JetStreamLogger;
  private readonly js: JetStreamClient;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private readonly counters: OutboxPublisherStats = {
    published: 0,
    duplicates: 0,
    internal: 0,
    lastPosition: null,
    leader: false,
    failures: 0,
  };

  constructor(private readonly options: OutboxPublisherOptions) {
    this.name = outboxName(options.service);
    this.batchSize = options.batchSize ?? 200;
    this.idleWaitMs = options.idleWaitMs ?? 1000;
    this.publishWindow = options.publishWindow ?? 16;
    this.lockRetryMs = options.lockRetryMs ?? 1000;
    this.errorBackoffMs = options.errorBackoffMs ?? 1000;
    this.logger = options.logger ?? stderrJetStreamLogger;
    if (this.batchSize < 1 || this.publishWindow < 1) {
      throw new InvalidMessagingOptionsError('OutboxPublisher: batchSize and publishWindow must be at least 1');
    }
    this.js = options.nats.jetstream();
  }

  /** Starts the background loop and returns (the loop waits for the lock and retries failures by itself). */
  async start(): Promise<void> {
    if (this.loop) return;
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  /** Stops after the batch in flight (its acks awaited, its checkpoint saved) and releases the lock. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.abort?.abort();
    await this.loop;
    this.loop = null;
    this.abort = null;
  }

  stats(): OutboxPublisherStats {
    return { ...this.counters };
  }

  /**
   * Events written but not yet published: how many (counted up to `limit`) and how old the oldest is, from the stored
   * checkpoint (shared by every instance). Internal events the mapper skips count too until the checkpoint passes them.
   */
  async backlog(limit = 1000): Promise<Backlog> {
    const checkpoint = await this.options.checkpoints.read(this.name);
    return backlogAfter(this.options.eventStore, checkpoint ? parsePosition(checkpoint) : START, limit);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let lease: LeaderLease | null = null;
      try {
        lease = await this.options.leaderLock.tryAcquire(this.name);
        if (!lease) {
          await abortableSleep(this.lockRetryMs, signal);
          continue;
        }
        this.counters.leader = true;
        this.logger.info({ outbox: this.name }, 'outbox publisher is the leader');
        await this.publishWhileLeader(lease, signal);
      } catch (error) {
        if (error instanceof LeaseFencedError) {
          this.logger.warn({ outbox: this.name, token: error.token.toString() }, 'outbox checkpoint refused: the lease has passed on; standing by');
          continue;
        }
        this.counters.failures++;
        if (this.options.nats.isClosed()) {
          this.logger.error({ outbox: this.name, ...errorFields(error) }, 'outbox publisher stopped: NATS connection closed');
          return;
        }
        if ((error as { code?: unknown }).code === 'READ_MODEL.CHECKPOINT_CONFLICT') {
          this.logger.warn({ outbox: this.name }, 'outbox checkpoint moved by another instance; starting over');
        } else if (this.options.natsConnected && !this.options.natsConnected()) {
          this.logger.warn({ outbox: this.name, ...errorFields(error) }, 'outbox publisher waits for NATS to come back; retrying');
        } else {
          this.logger.error({ outbox: this.name, ...errorFields(error) }, 'outbox publisher failed; retrying');
        }
        await abortableSleep(this.errorBackoffMs, signal);
      } finally {
        this.counters.leader = false;
        if (lease) {
          await lease.release().catch((error: unknown) => {
            this.logger.warn({ outbox: this.name, ...errorFields(error) }, 'outbox lock release failed');
          });
        }
      }
    }
  }

  private async publishWhileLeader(lease: LeaderLease, signal: AbortSignal): Promise<void> {
    const { checkpoints, eventStore } = this.options;
    let checkpoint = await checkpoints.read(this.name);
    let position: GlobalPosition = checkpoint ? parsePosition(checkpoint) : START;
    this.counters.lastPosition = checkpoint;
    // Losing the lease stops this instance; a standby takes over from the checkpoint.
    const active = AbortSignal.any([signal, lease.signal]);
    while (!active.aborted && lease.held) {
      const batch = await eventStore.readAll({ after: position, maxCount: this.batchSize });
      // A process resuming from a freeze publishes nothing it read before it (the successor does).
      if (!lease.held) break;
      await this.publishAll(batch.events);
      if (comparePositions(batch.lastPosition, position) > 0) {
        const next = formatPosition(batch.lastPosition);
        // Fenced compare-and-set: refused once the lease has passed on, and a conflict means another instance
        // advanced it; either way the outer loop starts over.
        await checkpoints.save(this.name, next, checkpoint, lease);
        checkpoint = next;
        position = batch.lastPosition;
        this.counters.lastPosition = next;
      }
      if (!batch.isFull) await eventStore.waitForEvents(this.idleWaitMs, active);
    }
    if (!signal.aborted) this.logger.warn({ outbox: this.name }, 'outbox publisher lost its lease; standing by');
  }

  /** Publishes the mapped events in order, at most `publishWindow` awaiting their ack; resolves when all are acked. */
  private async publishAll(events: readonly RecordedEvent[]): Promise<void> {
    const inFlight: Promise<PubAck>[] = [];
    try {
      for (const event of events) {
        const envelope = this.options.mapper(event);
        if (!envelope) {
          this.counters.internal++;
          continue;
        }
        const pending = this.publish(envelope, event);
        // Rejections are handled when awaited in order below; this keeps Node from flagging them meanwhile.
        pending.catch(() => undefined);
        inFlight.push(pending);
        if (inFlight.length >= this.publishWindow) this.count(await inFlight.shift()!);
      }
      while (inFlight.length > 0) this.count(await inFlight.shift()!);
    } finally {
      // After a failure, let the remaining publishes settle before the batch is retried.
      await Promise.allSettled(inFlight);
    }
  }

  /** Publishes one event; tracing on, as a span continuing the trace its append recorded in the event's metadata. */
  private publish(envelope: IntegrationEventEnvelope<unknown>, event: RecordedEvent): Promise<PubAck> {
    const headers = natsHeaders();
    headers.set(CORRELATION_ID_HEADER, envelope.correlationId);
    headers.set(CAUSATION_ID_HEADER, envelope.causationId);
    headers.set(EVENT_TYPE_HEADER, envelope.type);
    const send = (): Promise<PubAck> =>
      this.js.publish(this.options.names.eventSubject(envelope.type), encodeEnvelope(envelope), {
        msgID: envelope.id,
        headers,
        expect: { streamName: this.options.names.eventStream },
      });
    const parent = traceCarrierOf(event);
    if (!parent) return send();
    return inSpan(`publish ${envelope.type}`, { kind: SpanKind.PRODUCER, parent, attributes: { 'messaging.system': 'nats', 'messaging.operation.type': 'send', 'broker.event_type': envelope.type } }, () => {
      setTraceHeaders(headers, activeTraceCarrier());
      return send();
    });
  }

  private count(ack: PubAck): void {
    if (ack.duplicate) this.counters.duplicates++;
    else this.counters.published++;
  }
}

/** The trace context an event's append recorded (tracing on). */
function traceCarrierOf(event: RecordedEvent): TraceCarrier | undefined {
  return tracingEnabled() ? readTraceCarrier((field) => event.metadata?.[field]) : undefined;
}

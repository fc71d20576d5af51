import type { DeploymentNames, IntegrationEventEnvelope, ServiceName } from '@broker/contracts';
import { inSpan, runWithContext, SpanKind, tracingEnabled } from '@broker/platform';
import { abortableSleep, type DocumentStore } from '@broker/read-models';
import {
  AckPolicy,
  DeliverPolicy,
  nanos,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { traceCarrierFromHeaders } from '../rpc/rpc-headers';
import { decodeEnvelope } from './integration-event-codec';
import type { IntegrationEventHandlers } from './integration-event-handlers';
import { InvalidMessagingOptionsError } from './jetstream.errors';
import { KeyedLanes } from './keyed-lanes';
import { errorFields, stderrJetStreamLogger, type JetStreamLogger } from './jetstream-logger';
import {
  countParkedMessages,
  PARKED_MESSAGES_COLLECTION,
  parkedMessageId,
  UNFINISHED_DELIVERIES_COLLECTION,
  unfinishedDeliveryId,
  type ParkedMessage,
  type RequeueOutcome,
  type UnfinishedDelivery,
} from './parked-messages';

export interface IntegrationEventConsumerOptions {
  names: DeploymentNames;
  /** The consuming service. */
  service: ServiceName;
  /** Durable consumer name suffix, unique within the service (`names.consumerName(service, consumer)`). */
  consumer: string;
  /** One subject (NATS 2.9 takes a single filter), e.g. `names.eventSubjectsOf('organizations')`. */
  filterSubject: string;
  /** The consuming service's store: inbox, effects and parked messages. */
  documentStore: DocumentStore;
  handlers: IntegrationEventHandlers;
  nats: NatsConnection;
  /**
   * Deliveries after which a failing message is parked. Default 5. A message whose handler never ends (the process
   * dies in it) is parked on the delivery after `maxDeliver` unfinished runs, counted across processes.
   */
  maxDeliver?: number;
  /** Redelivery delay after a failure; a list gives the delay per attempt (last one repeats). Default [1s, 5s, 15s, 30s]. */
  backoffMs?: number | readonly number[];
  /** Messages pulled per request. Default 50. */
  batchSize?: number;
  /**
   * Messages handled at once. Messages of one organization are handled in stream order, those of different
   * organizations side by side, and a message of no organization (reseller or platform events) waits for all before
   * it and holds all after it. Default 4; 1 handles every message in stream order.
   */
  concurrency?: number;
  /** Time the server waits for an ack before redelivering (kept alive while a handler runs). Default 30 s. */
  ackWaitMs?: number;
  /** Unacknowledged messages the server lets this consumer hold. Default 1000. */
  maxAckPending?: number;
  logger?: JetStreamLogger;
  /** Told of each message's outcome as it is counted in `stats()` (for metrics). */
  onOutcome?: (outcome: keyof IntegrationEventConsumerStats) => void;
  /**
   * Recognises failures of the environment rather than of the message (`isTransientDatabaseError` of
   * @broker/postgres): they are retried with the backoff but never park the message, however long they last.
   */
  isTransient?: (error: unknown) => boolean;
}

export interface IntegrationEventConsumerStats {
  /** Messages whose handler ran and committed. */
  applied: number;
  /** Messages already in the inbox (redeliveries, re-publications): acknowledged without effect. */
  duplicates: number;
  /** Messages of a type without a handler. */
  skipped: number;
  /** Failed attempts handed back for redelivery. */
  retries: number;
  /** Messages parked by this instance since it started. */
  parked: number;
}

const DEFAULT_BACKOFF_MS: readonly number[] = [1000, 5000, 15000, 30000];
const FLUSH_ON_STOP_MS = 2000;

function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([work.then(() => undefined, () => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * A durable JetStream pull consumer that applies integration events exactly once in effect: the effect and the
 * inbox entry commit in one unit of work, the ack follows the commit, redeliveries find the inbox entry.
 * A message that keeps failing is parked after `maxDeliver` deliveries; the others keep flowing. A NATS outage
 * pauses it: the client reconnects and pulls again on its own (the connection must reconnect for ever, see
 * NatsConnectionMonitor).
 */
export class IntegrationEventConsumer {
  readonly consumerName: string;
  private readonly stream: string;
  private readonly maxDeliver: number;
  private readonly backoff: readonly number[];
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly ackWaitMs: number;
  /** How often a message held or in hand tells the server it is still being worked on (half the ack wait). */
  private readonly workingEveryMs: number;
  private readonly maxAckPending: number;
  private readonly logger: JetStreamLogger;
  private readonly js: JetStreamClient;
  private abort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private messages: ConsumerMessages | null = null;
  private manager: JetStreamManager | null = null;
  private readonly counters: IntegrationEventConsumerStats = { applied: 0, duplicates: 0, skipped: 0, retries: 0, parked: 0 };

  constructor(private readonly options: IntegrationEventConsumerOptions) {
    this.consumerName = options.names.consumerName(options.service, options.consumer);
    this.stream = options.names.eventStream;
    this.maxDeliver = options.maxDeliver ?? 5;
    const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.backoff = typeof backoff === 'number' ? [backoff] : backoff;
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = options.concurrency ?? 4;
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.workingEveryMs = Math.max(250, Math.floor(this.ackWaitMs / 2));
    this.maxAckPending = options.maxAckPending ?? 1000;
    this.logger = options.logger ?? stderrJetStreamLogger;
    if (this.maxDeliver < 1 || this.batchSize < 1 || !Number.isInteger(this.concurrency) || this.concurrency < 1 || this.backoff.length === 0 || this.maxAckPending < this.batchSize) {
      throw new InvalidMessagingOptionsError(
        `IntegrationEventConsumer ${this.consumerName}: maxDeliver, batchSize and concurrency must be at least 1, backoffMs non-empty, maxAckPending >= batchSize`,
      );
    }
    if (/[*>]/.test(options.consumer) || options.filterSubject.trim() === '') {
      throw new InvalidMessagingOptionsError(`IntegrationEventConsumer ${this.consumerName}: invalid consumer name or filter subject`);
    }
    this.js = options.nats.jetstream();
  }

  /** Prepares the parked-messages collection and the durable consumer, then consumes in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    await this.options.documentStore.ensureCollection(PARKED_MESSAGES_COLLECTION);
    await this.options.documentStore.ensureCollection(UNFINISHED_DELIVERIES_COLLECTION);
    await this.ensureConsumer();
    this.abort = new AbortController();
    this.loop = this.run(this.abort.signal);
  }

  /**
   * Finishes the messages in flight (commit and ack) and stops pulling; messages already pulled but not started
   * are handed back unacknowledged for redelivery.
   */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.abort?.abort();
    const closing = this.messages?.close().catch(() => undefined);
    await this.loop;
    await closing;
    this.loop = null;
    this.abort = null;
    // Acks and naks are plain publishes: make sure they left before the caller closes the connection. While NATS is
    // away a flush waits for its return, so the wait is bounded; the server redelivers what it never saw acked.
    if (!this.options.nats.isClosed()) await withinMs(this.options.nats.flush(), FLUSH_ON_STOP_MS);
  }

  stats(): IntegrationEventConsumerStats {
    return { ...this.counters };
  }

  private count(outcome: keyof IntegrationEventConsumerStats): void {
    this.counters[outcome]++;
    this.options.onOutcome?.(outcome);
  }

  /**
   * Messages of this durable consumer the server holds that are not yet acknowledged: not yet delivered plus
   * delivered and awaiting their ack (all instances). What "lag" means for a consumer.
   */
  async pendingCount(): Promise<number> {
    this.manager ??= await this.options.nats.jetstreamManager();
    const info = await this.manager.consumers.info(this.stream, this.consumerName);
    return info.num_pending + info.num_ack_pending;
  }

  /** Messages this consumer has parked so far (all instances, all time), for /health. */
  parkedCount(): Promise<number> {
    return countParkedMessages(this.options.documentStore, this.consumerName);
  }

  /**
   * Hands a message this consumer parked to its handler again, as a delivery would: inbox entry and effect in one
   * unit of work, which also removes the parked entry. Two requeues at once cannot both apply it: the second waits
   * for the first's removal and finds nothing (or, when the first failed, tries itself). A transient store failure
   * is thrown (nothing was done); a handler failure keeps the message parked with the new error.
   */
  async requeue(parkedId: string): Promise<RequeueOutcome> {
    const store = this.options.documentStore;
    const parked = await store.get<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, parkedId);
    if (!parked || parked.data.consumer !== this.consumerName) return { outcome: 'not_found' };
    const envelope = parked.data.envelope;
    if (!envelope) return { outcome: 'unreadable' };
    const handler = Object.prototype.hasOwnProperty.call(this.options.handlers, envelope.type) ? this.options.handlers[envelope.type] : undefined;
    try {
      return await store.unitOfWork(async (uow): Promise<RequeueOutcome> => {
        if (!(await uow.delete(PARKED_MESSAGES_COLLECTION.name, parkedId))) return { outcome: 'not_found' };
        if (!handler) return { outcome: 'skipped' };
        if (!(await uow.inbox.tryRecord(this.consumerName, envelope.id))) return { outcome: 'duplicate' };
        await runWithContext({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
          handler(envelope as IntegrationEventEnvelope<never>, uow),
        );
        return { outcome: 'applied' };
      });
    } catch (error) {
      if (this.options.isTransient?.(error) === true) throw error;
      const code = (error as { code?: unknown }).code;
      const failure = { message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null };
      // The entry was put back by the rollback; it records the failed try unless another requeue changed it meanwhile.
      const current = await store.get<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, parkedId);
      if (current) {
        await store
          .upsert<ParkedMessage>(
            PARKED_MESSAGES_COLLECTION.name,
            parkedId,
            { ...current.data, error: failure, failedRequeues: (current.data.failedRequeues ?? 0) + 1 },
            current.version,
          )
          .catch(() => undefined);
      }
      this.logger.error({ consumer: this.consumerName, messageId: envelope.id, eventType: envelope.type, ...errorFields(error) }, 'requeued integration event failed again; it stays parked');
      return { outcome: 'failed', error: failure };
    }
  }

  private consumerConfig(): Partial<ConsumerConfig> {
    return {
      durable_name: this.consumerName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.options.filterSubject,
      ack_wait: nanos(this.ackWaitMs),
      // Parking is decided here, not by the server: the server would drop the message silently.
      max_deliver: -1,
      max_ack_pending: this.maxAckPending,
    };
  }

  private async ensureConsumer(): Promise<void> {
    const jsm = await this.options.nats.jetstreamManager();
    const config = this.consumerConfig();
    try {
      await jsm.consumers.add(this.stream, config);
    } catch (error) {
      // The durable exists with another configuration: bring what may change up to date.
      try {
        await jsm.consumers.update(this.stream, this.consumerName, {
          ack_wait: config.ack_wait,
          max_ack_pending: config.max_ack_pending,
          max_deliver: config.max_deliver,
        });
      } catch {
        throw error;
      }
      const info = await jsm.consumers.info(this.stream, this.consumerName);
      if (info.config.filter_subject !== this.options.filterSubject) {
        throw new InvalidMessagingOptionsError(
          `Consumer ${this.consumerName} exists with filter ${info.config.filter_subject ?? 'none'}; delete it to change to ${this.options.filterSubject}`,
        );
      }
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    const lanes = new KeyedLanes(this.concurrency, (error) =>
      this.logger.error({ consumer: this.consumerName, ...errorFields(error) }, 'integration event handling failed unexpectedly; the server will redeliver it'),
    );
    while (!signal.aborted) {
      try {
        const consumer = await this.js.consumers.get(this.stream, this.consumerName);
        const messages = await consumer.consume({ max_messages: this.batchSize });
        this.messages = messages;
        if (signal.aborted) {
          await messages.close();
          break;
        }
        for await (const msg of messages) {
          if (signal.aborted) {
            msg.nak();
            continue;
          }
          const decoded = this.decode(msg);
          const key = 'envelope' in decoded ? (decoded.envelope.organizationId ?? null) : null;
          // Held behind earlier messages of its organization, it must not look abandoned to the server meanwhile.
          const waiting = setInterval(() => msg.working(), this.workingEveryMs);
          await lanes.admit(key, async () => {
            clearInterval(waiting);
            if (signal.aborted) msg.nak();
            else await this.handle(msg, decoded);
          });
        }
        if (!signal.aborted) throw new Error('message iterator ended');
      } catch (error) {
        if (signal.aborted) break;
        if (this.options.nats.isClosed()) {
          this.logger.error({ consumer: this.consumerName, ...errorFields(error) }, 'consumer stopped: NATS connection closed');
          break;
        }
        this.logger.error({ consumer: this.consumerName, ...errorFields(error) }, 'consumer loop failed; restarting');
        await abortableSleep(1000, signal);
        await this.ensureConsumer().catch(() => undefined);
      } finally {
        await lanes.idle();
        this.messages = null;
      }
    }
  }

  private decode(msg: JsMsg): { envelope: IntegrationEventEnvelope } | { error: unknown } {
    try {
      return { envelope: decodeEnvelope(msg.data) };
    } catch (error) {
      return { error };
    }
  }

  private retryDelay(attempts: number): number {
    return this.backoff[Math.min(Math.max(attempts, 1), this.backoff.length) - 1]!;
  }

  /** Handles one message; one the consumer has a handler for is a span continuing the trace of the event's cause. */
  private handle(msg: JsMsg, decoded: { envelope: IntegrationEventEnvelope } | { error: unknown }): Promise<void> {
    if (!tracingEnabled() || !('envelope' in decoded) || !Object.prototype.hasOwnProperty.call(this.options.handlers, decoded.envelope.type)) {
      return this.handleMessage(msg, decoded);
    }
    const attributes = { 'messaging.system': 'nats', 'messaging.operation.type': 'process', 'messaging.consumer.group.name': this.consumerName, 'broker.event_type': decoded.envelope.type };
    return inSpan(`${this.consumerName} process ${decoded.envelope.type}`, { kind: SpanKind.CONSUMER, parent: traceCarrierFromHeaders(msg.headers), attributes }, () =>
      this.handleMessage(msg, decoded),
    );
  }

  private async handleMessage(msg: JsMsg, decoded: { envelope: IntegrationEventEnvelope } | { error: unknown }): Promise<void> {
    if (!('envelope' in decoded)) {
      await this.park(msg, null, decoded.error);
      return;
    }
    const envelope = decoded.envelope;
    const handler = Object.prototype.hasOwnProperty.call(this.options.handlers, envelope.type)
      ? this.options.handlers[envelope.type]
      : undefined;
    if (!handler) {
      this.count('skipped');
      msg.ack();
      return;
    }
    // A redelivery may follow a run that never ended: the process died in the handler. Such runs are marked in the
    // store before the handler starts, so they count however many processes died on the message.
    let marked = false;
    if (msg.info.deliveryCount > 1) {
      let unfinished: number | null;
      try {
        unfinished = await this.markStart(msg);
      } catch (error) {
        this.count('retries');
        const delay = this.retryDelay(msg.info.deliveryCount);
        this.logger.warn(
          { consumer: this.consumerName, messageId: envelope.id, retryInMs: delay, ...errorFields(error) },
          'integration event not applied: store unavailable; will retry',
        );
        msg.nak(delay);
        return;
      }
      if (unfinished !== null) {
        const runs = unfinished + 1;
        const error = Object.assign(
          new Error(`the handler never finished in ${runs} deliveries: the process stopped while handling it`),
          { code: 'CONSUMER.HANDLER_NEVER_FINISHED' },
        );
        await this.park(msg, envelope, error, runs);
        return;
      }
      marked = true;
    }
    const keepAlive = setInterval(() => msg.working(), this.workingEveryMs);
    try {
      const applied = await this.options.documentStore.unitOfWork(async (uow) => {
        if (marked) await uow.delete(UNFINISHED_DELIVERIES_COLLECTION.name, unfinishedDeliveryId(this.consumerName, msg.info.streamSequence));
        if (!(await uow.inbox.tryRecord(this.consumerName, envelope.id))) return false;
        await runWithContext({ correlationId: envelope.correlationId, causationId: envelope.id }, () =>
          handler(envelope as IntegrationEventEnvelope<never>, uow),
        );
        return true;
      });
      clearInterval(keepAlive);
      if (applied) this.count('applied');
      else this.count('duplicates');
      msg.ack();
    } catch (error) {
      clearInterval(keepAlive);
      // This run ended visibly: it counts through the delivery count, not as a run that never finished.
      if (marked) await this.unmarkStart(msg);
      const attempts = msg.info.deliveryCount;
      const transient = this.options.isTransient?.(error) === true;
      if (attempts >= this.maxDeliver && !transient) {
        await this.park(msg, envelope, error);
        return;
      }
      this.count('retries');
      const delay = this.retryDelay(attempts);
      this.logger.warn(
        { consumer: this.consumerName, messageId: envelope.id, eventType: envelope.type, attempts, retryInMs: delay, transient, ...errorFields(error) },
        transient ? 'integration event not applied: store unavailable; will retry' : 'integration event handler failed; will retry',
      );
      msg.nak(delay);
    }
  }

  /**
   * Before a redelivery runs its handler: null when it may run (the run is now marked), otherwise the number of
   * marked runs that never finished, which reached the limit.
   */
  private async markStart(msg: JsMsg): Promise<number | null> {
    const id = unfinishedDeliveryId(this.consumerName, msg.info.streamSequence);
    // The first delivery is never marked (it would cost every message a write); a message whose marked runs all
    // died is taken to have died on its first delivery too.
    const limit = Math.max(1, this.maxDeliver - 1);
    return this.options.documentStore.unitOfWork(async (uow) => {
      const current = await uow.get<UnfinishedDelivery>(UNFINISHED_DELIVERIES_COLLECTION.name, id);
      const starts = current?.data.starts ?? 0;
      if (starts >= limit) return starts;
      await uow.upsert<UnfinishedDelivery>(
        UNFINISHED_DELIVERIES_COLLECTION.name,
        id,
        { consumer: this.consumerName, streamSequence: msg.info.streamSequence, starts: starts + 1, lastDeliveryCount: msg.info.deliveryCount },
        current?.version,
      );
      return null;
    });
  }

  /** Best effort: a store that fails here leaves the run counted as unfinished. */
  private async unmarkStart(msg: JsMsg): Promise<void> {
    const id = unfinishedDeliveryId(this.consumerName, msg.info.streamSequence);
    try {
      await this.options.documentStore.unitOfWork(async (uow) => {
        const current = await uow.get<UnfinishedDelivery>(UNFINISHED_DELIVERIES_COLLECTION.name, id);
        if (!current) return;
        if (current.data.starts <= 1) await uow.delete(UNFINISHED_DELIVERIES_COLLECTION.name, id);
        else await uow.upsert<UnfinishedDelivery>(UNFINISHED_DELIVERIES_COLLECTION.name, id, { ...current.data, starts: current.data.starts - 1 }, current.version);
      });
    } catch (error) {
      this.logger.warn({ consumer: this.consumerName, streamSequence: msg.info.streamSequence, ...errorFields(error) }, 'could not clear the mark of a failed run');
    }
  }

  private async park(msg: JsMsg, envelope: IntegrationEventEnvelope | null, error: unknown, runs?: number): Promise<void> {
    const attempts = runs ?? msg.info.deliveryCount;
    const streamSequence = msg.info.streamSequence;
    const code = (error as { code?: unknown }).code;
    const parked: ParkedMessage = {
      consumer: this.consumerName,
      subject: msg.subject,
      streamSequence,
      messageId: envelope?.id ?? null,
      eventType: envelope?.type ?? null,
      envelope,
      rawPayload: envelope ? null : Buffer.from(msg.data).toString('utf8'),
      error: { message: error instanceof Error ? error.message : String(error), code: typeof code === 'string' ? code : null },
      attempts,
      parkedAt: new Date().toISOString(),
    };
    try {
      await this.options.documentStore.unitOfWork(async (uow) => {
        await uow.upsert(PARKED_MESSAGES_COLLECTION.name, parkedMessageId(this.consumerName, parked.messageId, streamSequence), parked);
        await uow.delete(UNFINISHED_DELIVERIES_COLLECTION.name, unfinishedDeliveryId(this.consumerName, streamSequence));
      });
    } catch (parkError) {
      this.logger.error(
        { consumer: this.consumerName, messageId: parked.messageId, ...errorFields(parkError) },
        'could not park a failing message; will retry',
      );
      msg.nak(this.retryDelay(attempts));
      return;
    }
    this.count('parked');
    msg.term();
    this.logger.error(
      {
        consumer: this.consumerName,
        messageId: parked.messageId,
        eventType: parked.eventType,
        streamSequence,
        attempts,
        ...errorFields(error),
      },
      'integration event parked',
    );
  }
}

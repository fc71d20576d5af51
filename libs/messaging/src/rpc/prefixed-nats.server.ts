import { deploymentNames, type ServiceName } from '@broker/contracts';
import { markFailed, runWithContext, SpanKind, startSpan, withActiveSpan, type Logger, type Span } from '@broker/platform';
import type { NatsContext, NatsOptions } from '@nestjs/microservices';
import { ServerNats } from '@nestjs/microservices';
import type { Msg, NatsConnection, Subscription } from 'nats';
import { throwError } from 'rxjs';
import type { ActorAssertionVerifier } from '../auth/actor-assertion-verifier';
import { NatsConnectionMonitor } from '../connection/nats-connection-monitor';
import type { ReconnectPolicy } from '../connection/reconnect-policy';
import { contextFromHeaders, RPC_HEADERS, traceCarrierFromHeaders } from './rpc-headers';

type NatsServerOptions = Required<NatsOptions>['options'];

export interface PrefixedNatsServerOptions extends Omit<NatsServerOptions, 'queue'> {
  /** DEPLOYMENT_NAME: subjects are `<deployment>.rpc.<pattern>`. */
  deployment: string;
  /** The queue group is `<deployment>.<service>`, shared by every replica of the service. */
  service: ServiceName;
  /** How long `close()` waits for requests being handled to answer. Default 10000 ms. */
  drainTimeoutMs?: number;
  logger?: Logger;
  reconnectPolicy?: Partial<ReconnectPolicy>;
  /** The connection closed for good without `close()` (see NatsConnectionMonitor). */
  onUnexpectedClose?: (reason: string, error: Error | undefined) => void;
  /** Checks the actor assertion of every request that names an actor, before its handler runs (docs/adr/0019). */
  actorVerifier?: ActorAssertionVerifier;
}

type MessageHandler = NonNullable<ReturnType<ServerNats['getHandlerByPattern']>>;

/**
 * Nest NATS transport for a service: every `@RpcHandler(ResellerRpc.create)` (subject `organizations.reseller.create`)
 * is subscribed as `<deployment>.rpc.organizations.reseller.create` in the service's queue group, so patterns stay static strings,
 * replicas share requests and two deployments on one NATS never see each other's. Each request runs inside the
 * correlation context of its `x-correlation-id` / `x-causation-id` / `x-actor` headers (a new correlation id
 * when there is none), so logs and nested RPC calls carry it. `close()` stops taking requests, lets the ones in
 * flight answer (bounded by `drainTimeoutMs`), then drains and closes the connection. The connection reconnects
 * for ever (NatsConnectionMonitor) and the client subscribes again on every reconnect. With an `actorVerifier`, a
 * request whose body names an actor runs only with a valid assertion of that actor (`x-actor-assertion`).
 *
 * `NestFactory.createMicroservice(AppModule, { strategy: new PrefixedNatsServer({ deployment, service, servers }) })`
 */
export class PrefixedNatsServer extends ServerNats {
  readonly prefix: string;
  readonly queue: string;
  readonly monitor: NatsConnectionMonitor;
  private readonly drainTimeoutMs: number;
  private readonly actorVerifier: ActorAssertionVerifier | undefined;
  private readonly ownSubscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly settleReply = new WeakMap<object, () => void>();
  /** The request's span (tracing on), ended with its final reply. */
  private readonly spans = new WeakMap<object, Span>();
  private closing: Promise<void> | undefined;

  constructor(options: PrefixedNatsServerOptions) {
    const { deployment, service, drainTimeoutMs, logger, reconnectPolicy, onUnexpectedClose, actorVerifier, ...natsOptions } = options;
    const names = deploymentNames(deployment);
    const monitor = new NatsConnectionMonitor({
      name: typeof natsOptions.name === 'string' ? natsOptions.name : 'rpc-server',
      ...(logger ? { logger } : {}),
      ...(reconnectPolicy ? { policy: reconnectPolicy } : {}),
      ...(onUnexpectedClose ? { onUnexpectedClose } : {}),
    });
    super({ ...natsOptions, ...monitor.connectionOptions(), queue: names.rpcQueue(service) });
    this.monitor = monitor;
    this.prefix = names.rpcPrefix;
    this.queue = names.rpcQueue(service);
    this.drainTimeoutMs = drainTimeoutMs ?? 10_000;
    this.actorVerifier = actorVerifier;
  }

  /** The subjects this server listens on (after `listen`). */
  get subjects(): string[] {
    return this.ownSubscriptions.map((s) => s.getSubject());
  }

  override bindEvents(client: NatsConnection): void {
    for (const [pattern, handler] of this.messageHandlers) {
      const queue = (handler.extras?.queue as string | undefined) ?? this.queue;
      const subscription = client.subscribe(`${this.prefix}${pattern}`, {
        queue,
        // The handler is looked up by the unprefixed pattern.
        callback: this.getMessageHandler(pattern).bind(this) as (err: Error | null, msg: Msg) => void,
      });
      this.ownSubscriptions.push(subscription);
    }
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
    this.settleReply.set(natsMsg, settle);
    let awaitingReply = false;
    try {
      const pattern = channel.startsWith(this.prefix) ? channel.slice(this.prefix.length) : channel;
      const span = startSpan(pattern, { kind: SpanKind.SERVER, parent: traceCarrierFromHeaders(natsMsg.headers), attributes: { 'rpc.system': 'nats', 'rpc.method': pattern } });
      if (span) {
        this.spans.set(natsMsg, span);
        void done.then(() => span.end());
      }
      return await runWithContext(contextFromHeaders(natsMsg.headers), () =>
        withActiveSpan(span, async () => {
          const result: unknown = await super.handleMessage(channel, natsMsg);
          awaitingReply = this.settleReply.get(natsMsg) === undefined;
          return result;
        }),
      );
    } finally {
      if (!awaitingReply) settle();
    }
  }

  // A refused request answers its error without reaching the handler (nor its pipes, interceptors and filters).
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    const handler = super.getHandlerByPattern(pattern);
    const verifier = this.actorVerifier;
    if (!handler || !verifier || handler.isEventHandler) return handler;
    const checked = (async (data: unknown, ctx: NatsContext) => {
      const refusal = await verifier.refusal(data, ctx.getHeaders()?.get(RPC_HEADERS.actorAssertion) || undefined, pattern);
      return refusal ? throwError(() => refusal) : handler(data, ctx);
    }) as MessageHandler;
    return Object.assign(checked, handler);
  }

  // Replaces Nest's status loop, which logs through Nest's logger.
  override async handleStatusUpdates(client: NatsConnection): Promise<void> {
    this.monitor.watch(client);
  }

  override getPublisher(natsMsg: Msg, id: string, ctx: NatsContext): (response: unknown) => unknown {
    const publish = super.getPublisher(natsMsg, id, ctx);
    const settle = this.settleReply.get(natsMsg);
    if (!settle || !natsMsg.reply) return publish;
    // From here the request counts as in flight until its final reply is sent.
    this.settleReply.delete(natsMsg);
    return (response: unknown) => {
      try {
        return publish(response);
      } finally {
        const packet = response as { isDisposed?: boolean; err?: unknown };
        if (packet.err !== undefined) markFailed(this.spans.get(natsMsg), packet.err);
        if (packet.isDisposed || packet.err !== undefined) settle();
      }
    };
  }

  override close(): Promise<void> {
    this.closing ??= this.drainAndClose();
    return this.closing;
  }

  private async drainAndClose(): Promise<void> {
    let connection: NatsConnection;
    try {
      connection = this.unwrap<NatsConnection>();
    } catch {
      return; // never connected
    }
    this.monitor.expectClose();
    // Draining needs the server: while reconnecting, in-flight requests still get their time, then the close.
    if (this.monitor.state === 'connected') await Promise.all(this.ownSubscriptions.map((s) => s.drain().catch(() => undefined)));
    await this.waitForInFlight();
    if (!connection.isClosed() && this.monitor.state === 'connected') await connection.drain().catch(() => undefined);
    await super.close();
  }

  private async waitForInFlight(): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.drainTimeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
  }
}

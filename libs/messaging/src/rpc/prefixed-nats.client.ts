import type { Logger } from '@broker/platform';
import { ClientNats, type MsPattern, type NatsOptions, type ReadPacket, type WritePacket } from '@nestjs/microservices';
// Not re-exported by the package root; what Nest's client answers when the server says "no responders".
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception';
import { ErrorCode, Events, type NatsConnection, type NatsError } from 'nats';
import { NatsConnectionMonitor } from '../connection/nats-connection-monitor';
import type { ReconnectPolicy } from '../connection/reconnect-policy';

export type PrefixedNatsClientOptions = Required<NatsOptions>['options'] & {
  /** Prepended to every pattern: `<deployment>.rpc.`. */
  prefix: string;
  logger?: Logger;
  reconnectPolicy?: Partial<ReconnectPolicy>;
  /** The connection closed for good without `close()` (see NatsConnectionMonitor). */
  onUnexpectedClose?: (reason: string, error: Error | undefined) => void;
};

/**
 * How long the connection itself waits for an answer. The caller's own (shorter) timeout decides first; this only
 * bounds what an abandoned request keeps (the gateway's longest RPC timeout is 60 s).
 */
const REQUEST_TIMEOUT_MS = 65_000;

/**
 * Nest's NATS client publishing every pattern under a subject prefix (the counterpart of PrefixedNatsServer). Its
 * connection reconnects for ever and logs through NatsConnectionMonitor; while it is away, requests fail at once
 * with a `DISCONNECT` error instead of waiting for their timeout.
 */
export class PrefixedNatsClient extends ClientNats {
  readonly prefix: string;
  readonly monitor: NatsConnectionMonitor;

  constructor(options: PrefixedNatsClientOptions) {
    const { prefix, logger, reconnectPolicy, onUnexpectedClose, ...natsOptions } = options;
    const monitor = new NatsConnectionMonitor({
      name: typeof natsOptions.name === 'string' ? natsOptions.name : 'rpc-client',
      ...(logger ? { logger } : {}),
      ...(reconnectPolicy ? { policy: reconnectPolicy } : {}),
      ...(onUnexpectedClose ? { onUnexpectedClose } : {}),
    });
    super({ ...natsOptions, ...monitor.connectionOptions() });
    this.prefix = prefix;
    this.monitor = monitor;
  }

  protected override normalizePattern(pattern: MsPattern): string {
    return `${this.prefix}${super.normalizePattern(pattern)}`;
  }

  /**
   * Nest's client subscribes to a new inbox for every request and unsubscribes after: two more protocol messages and
   * a change of the server's interest per call. nats.js's own request shares one subscription per connection; the
   * request and its answer are the same packets as before, so the services see no difference (docs/performance.md).
   */
  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => unknown): () => void {
    try {
      const packet = this.assignPacketId(partialPacket);
      const subject = this.normalizePattern(partialPacket.pattern);
      const serialized = this.serializer.serialize(packet) as { data: Uint8Array; headers?: unknown };
      const answer = this.createSubscriptionHandler(packet, callback);
      let abandoned = false;
      (this.natsClient as NatsConnection).request(subject, serialized.data, { timeout: REQUEST_TIMEOUT_MS, headers: this.mergeHeaders(serialized.headers) }).then(
        (message) => {
          if (!abandoned) void answer(undefined, message as Parameters<typeof answer>[1]);
        },
        (error: NatsError) => {
          if (abandoned) return;
          if (error?.code === ErrorCode.NoResponders) callback({ err: new EmptyResponseException(subject), isDisposed: true });
          else void answer(error, undefined as never);
        },
      );
      return () => {
        abandoned = true;
      };
    } catch (err) {
      callback({ err });
      return () => undefined;
    }
  }

  // Replaces Nest's status loop (it logs through Nest's logger) but keeps what it does to `connectionPromise`.
  override async handleStatusUpdates(client: NatsConnection): Promise<void> {
    this.monitor.watch(client);
    for await (const status of client.status()) {
      if (status.type === Events.Disconnect) {
        const lost = Promise.reject(Object.assign(new Error('NATS connection lost; reconnecting'), { code: 'DISCONNECT' }));
        lost.catch(() => undefined);
        this.connectionPromise = lost;
      } else if (status.type === Events.Reconnect) {
        this.connectionPromise = Promise.resolve(client);
      }
    }
    // Closed for good: the next request opens a new connection.
    if (this.natsClient === client) {
      this.natsClient = null;
      this.connectionPromise = null;
    }
  }

  override async close(): Promise<void> {
    this.monitor.expectClose();
    await super.close();
  }
}

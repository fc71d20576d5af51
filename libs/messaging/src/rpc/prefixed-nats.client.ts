import type { Logger } from '@broker/platform';
import { ClientNats, type MsPattern, type NatsOptions } from '@nestjs/microservices';
import { Events, type NatsConnection } from 'nats';
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

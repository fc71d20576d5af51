import { connect, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { NatsConnectionMonitor, natsInboxPrefix } from '@broker/messaging';
import type { GatewayConfig } from '../gateway.config';

/**
 * One of the gateway's own NATS connections (idempotency keys, rate-limit counts, access revocations): its own name,
 * the gateway's credentials and reply prefix, and the reconnect policy of every connection (ADR 9).
 */
export class GatewayNatsConnection {
  private constructor(
    readonly nats: NatsConnection,
    readonly monitor: NatsConnectionMonitor,
  ) {}

  /** `onUnexpectedClose`: what the gateway does when the client gives up on the connection for good. */
  static async open(config: GatewayConfig, logger: Logger, purpose: string, onUnexpectedClose: (reason: string, error: Error | undefined) => void): Promise<GatewayNatsConnection> {
    const name = `${config.DEPLOYMENT_NAME}-gateway-${purpose}`;
    const monitor = new NatsConnectionMonitor({ name, logger, onUnexpectedClose });
    const nats = await connect({ servers: config.NATS_URL.split(','), name, ...config.natsCredentials, inboxPrefix: natsInboxPrefix(config.DEPLOYMENT_NAME, 'gateway'), ...monitor.connectionOptions() });
    monitor.watch(nats);
    return new GatewayNatsConnection(nats, monitor);
  }

  async close(): Promise<void> {
    this.monitor.expectClose();
    await this.nats.drain().catch(() => undefined);
  }
}

import { createLogger, type Logger } from '@broker/platform';
import { DebugEvents, Events, type ConnectionOptions, type NatsConnection, type Status } from 'nats';
import { DEFAULT_RECONNECT_POLICY, reconnectDelayMs, type ReconnectPolicy } from './reconnect-policy';

export type NatsConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface NatsConnectionMonitorOptions {
  /** What the connection is for (`events`, `rpc-server`, `rpc-client`), on every line it logs. */
  name: string;
  /** Default: warnings and worse to stdout. */
  logger?: Logger;
  policy?: Partial<ReconnectPolicy>;
  /**
   * Called once when the connection closes for good although nobody asked for it (the client gave up, e.g. after
   * the server refused its credentials twice). Without it, the close is logged at error level.
   */
  onUnexpectedClose?: (reason: string, error: Error | undefined) => void;
}

export interface NatsConnectionHealth {
  status: 'up' | 'reconnecting' | 'down';
  detail?: string;
}

/** While reconnecting, a reminder at warn level this often (each attempt is logged at debug). */
const STILL_RECONNECTING_EVERY_MS = 30_000;

/**
 * Gives one NATS connection its reconnect policy (`connectionOptions()`, spread into `connect()`), then follows it
 * (`watch()`): logs every change of state, knows whether it is connected or reconnecting (for /health), and tells
 * apart a close that was asked for (`expectClose()` first) from one that was not.
 */
export class NatsConnectionMonitor {
  readonly name: string;
  private readonly logger: Logger;
  private readonly policy: ReconnectPolicy;
  private current: NatsConnectionState = 'connecting';
  private attempts = 0;
  private downSince = 0;
  private lastReminder = 0;
  private delayFor = -1;
  private delay = 0;
  private closeExpected = false;
  private watched: NatsConnection | null = null;

  constructor(private readonly options: NatsConnectionMonitorOptions) {
    this.name = options.name;
    this.logger = options.logger ?? createLogger({ service: options.name, level: 'warn' });
    this.policy = { ...DEFAULT_RECONNECT_POLICY, ...options.policy };
  }

  /** Reconnect for ever with backoff and jitter, ping to notice a stale connection. */
  connectionOptions(): Pick<ConnectionOptions, 'reconnect' | 'maxReconnectAttempts' | 'reconnectDelayHandler' | 'pingInterval' | 'maxPingOut' | 'waitOnFirstConnect'> {
    return {
      reconnect: true,
      maxReconnectAttempts: -1,
      // The client asks on every turn of its dial loop, so the wait is drawn once per failed attempt.
      reconnectDelayHandler: () => {
        const failed = Math.max(this.attempts, 1);
        if (this.delayFor !== failed) {
          this.delayFor = failed;
          this.delay = reconnectDelayMs(failed, this.policy);
        }
        return this.delay;
      },
      pingInterval: this.policy.pingIntervalMs,
      maxPingOut: this.policy.maxPingOut,
      // A first connection that fails fails the start: the process exits and its supervisor tries again.
      waitOnFirstConnect: false,
    };
  }

  get state(): NatsConnectionState {
    return this.current;
  }

  /** Follows a connection made with `connectionOptions()`. */
  watch(connection: NatsConnection): void {
    if (this.watched === connection) return;
    this.watched = connection;
    this.current = connection.isClosed() ? 'closed' : 'connected';
    this.closeExpected = false;
    this.logger.debug({ nats: this.name, server: connection.getServer() }, 'NATS connected');
    void this.follow(connection);
    void connection.closed().then((error) => this.closed(connection, error));
  }

  /** Call before closing or draining the connection on purpose. */
  expectClose(): void {
    this.closeExpected = true;
  }

  health(): NatsConnectionHealth {
    switch (this.current) {
      case 'connected':
        return { status: 'up' };
      case 'reconnecting':
        return {
          status: 'reconnecting',
          detail: `${this.name}: reconnecting for ${Math.round((Date.now() - this.downSince) / 1000)} s, ${this.attempts} attempt(s)`,
        };
      case 'closed':
        return { status: 'down', detail: `${this.name}: connection closed` };
      default:
        return { status: 'down', detail: `${this.name}: not connected yet` };
    }
  }

  private async follow(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (this.watched !== connection) return;
      this.onStatus(status);
    }
  }

  private onStatus(status: Status): void {
    const fields = { nats: this.name, server: typeof status.data === 'string' ? status.data : undefined };
    switch (status.type) {
      case Events.Disconnect:
        this.current = 'reconnecting';
        this.attempts = 0;
        this.delayFor = -1;
        this.downSince = Date.now();
        this.lastReminder = this.downSince;
        this.logger.warn(fields, 'NATS connection lost; reconnecting');
        return;
      case DebugEvents.Reconnecting: {
        this.attempts++;
        const now = Date.now();
        if (now - this.lastReminder >= STILL_RECONNECTING_EVERY_MS) {
          this.lastReminder = now;
          this.logger.warn({ ...fields, attempts: this.attempts, downForMs: now - this.downSince }, 'NATS still unreachable; reconnecting');
        } else {
          this.logger.debug({ ...fields, attempt: this.attempts }, 'Reconnecting to NATS');
        }
        return;
      }
      case Events.Reconnect:
        this.logger.info({ ...fields, attempts: this.attempts, downForMs: Date.now() - this.downSince }, 'NATS connection restored');
        this.current = 'connected';
        this.attempts = 0;
        this.delayFor = -1;
        return;
      case DebugEvents.StaleConnection:
        this.logger.warn(fields, 'NATS connection stale (pings unanswered); replacing it');
        return;
      case Events.Error:
        this.logger.error({ nats: this.name, code: status.data }, 'NATS error');
        return;
      case Events.LDM:
        this.logger.warn(fields, 'NATS server entering lame duck mode; the connection will move');
        return;
      case Events.Update: {
        // Sent after every reconnect, mostly with nothing added or deleted.
        const { added = [], deleted = [] } = (status.data ?? {}) as { added?: string[]; deleted?: string[] };
        this.logger[added.length + deleted.length > 0 ? 'info' : 'debug']({ nats: this.name, added, deleted }, 'NATS cluster servers changed');
        return;
      }
      case DebugEvents.PingTimer:
        return;
      default:
        this.logger.info({ ...fields, status: status.type }, 'NATS connection status');
    }
  }

  private closed(connection: NatsConnection, error: void | Error): void {
    if (this.watched !== connection) return;
    this.current = 'closed';
    if (this.closeExpected) {
      this.logger.debug({ nats: this.name }, 'NATS connection closed');
      return;
    }
    const cause = error instanceof Error ? error : undefined;
    const reason = `NATS connection ${this.name} closed and will not reconnect${cause ? `: ${cause.message}` : ''}`;
    if (this.options.onUnexpectedClose) this.options.onUnexpectedClose(reason, cause);
    else this.logger.error({ nats: this.name, err: cause }, reason);
  }
}

import { deploymentNames, type AnyRpcContract, type RpcRequestOf, type RpcResponseOf } from '@broker/contracts';
import { currentContext, inSpan, newCorrelationId, SpanKind, type Logger } from '@broker/platform';
import type { OnApplicationShutdown } from '@nestjs/common';
import { NatsRecordBuilder, type NatsOptions } from '@nestjs/microservices';
// Not re-exported by the package root: ClientNats fails with it when the server answers "no responders".
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { NatsConnectionHealth } from '../connection/nats-connection-monitor';
import type { ReconnectPolicy } from '../connection/reconnect-policy';
import { PrefixedNatsClient } from './prefixed-nats.client';
import { RpcCallError } from './rpc-call.error';
import { isFieldErrorList, isRpcErrorPayload, RPC_INTERNAL, RPC_UNAVAILABLE } from './rpc-error';
import { contextToHeaders } from './rpc-headers';
import { statusForCode, type RpcStatusRule } from './rpc-status';

export interface RpcClientOptions {
  /** DEPLOYMENT_NAME: requests go to `<deployment>.rpc.<pattern>`. */
  deployment: string;
  /** NATS server URL(s). Default nats://127.0.0.1:4222. */
  servers?: string | string[];
  /** Default time to wait for an answer. Default 5000 ms. */
  timeoutMs?: number;
  /** Checked before the default code -> status rules. */
  statusRules?: readonly RpcStatusRule[];
  /** Connection name shown by the NATS server and on log lines. */
  name?: string;
  /** Where connection changes are logged. Default: warnings and worse to stdout. */
  logger?: Logger;
  reconnectPolicy?: Partial<ReconnectPolicy>;
  /** The connection closed for good without `close()`; a service exits here (see NatsConnectionMonitor). */
  onUnexpectedClose?: (reason: string, error: Error | undefined) => void;
  /** Runs before each call with its contract; a throw fails the call (the gateway checks a route's declared contracts). */
  onCall?: (contract: AnyRpcContract) => void;
  /** Any other option of Nest's NATS client. */
  nats?: Omit<Required<NatsOptions>['options'], 'servers' | 'name'>;
}

export interface RpcRequestOptions {
  timeoutMs?: number;
}

/**
 * Request-reply to the services over NATS. Sends the current correlation context as headers (a new correlation
 * id when there is none), waits a bounded time, and fails with RpcCallError: the service's error code with its
 * HTTP status, `RPC.UNAVAILABLE` (503) when nobody answers or NATS is unreachable, `INTERNAL` (500) otherwise.
 * Closes its connection on application shutdown when registered as a Nest provider. The connection reconnects for
 * ever; while it is away, requests fail at once with `RPC.UNAVAILABLE`.
 */
export class RpcClient implements OnApplicationShutdown {
  readonly client: PrefixedNatsClient;
  private readonly timeoutMs: number;
  private readonly statusRules: readonly RpcStatusRule[];
  private readonly onCall: ((contract: AnyRpcContract) => void) | undefined;

  constructor(options: RpcClientOptions) {
    this.client = new PrefixedNatsClient({
      ...options.nats,
      servers: options.servers ?? 'nats://127.0.0.1:4222',
      ...(options.name ? { name: options.name } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.reconnectPolicy ? { reconnectPolicy: options.reconnectPolicy } : {}),
      ...(options.onUnexpectedClose ? { onUnexpectedClose: options.onUnexpectedClose } : {}),
      prefix: deploymentNames(options.deployment).rpcPrefix,
    });
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.statusRules = options.statusRules ?? [];
    this.onCall = options.onCall;
  }

  /** Connects now (otherwise the first request connects). */
  async connect(): Promise<void> {
    await this.client.connect();
  }

  /** Sends the contract's request and answers its response: the compiler checks the payload against the contract. */
  call<C extends AnyRpcContract>(contract: C, payload: RpcRequestOf<C>, options: RpcRequestOptions = {}): Promise<RpcResponseOf<C>> {
    try {
      this.onCall?.(contract);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return this.request<RpcResponseOf<C>>(contract.subject, payload, options);
  }

  private request<TRes>(pattern: string, payload: unknown, options: RpcRequestOptions): Promise<TRes> {
    return inSpan(pattern, { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'nats', 'rpc.method': pattern } }, () => this.send<TRes>(pattern, payload, options));
  }

  private async send<TRes>(pattern: string, payload: unknown, options: RpcRequestOptions): Promise<TRes> {
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const ctx = currentContext() ?? { correlationId: newCorrelationId() };
    const record = new NatsRecordBuilder<unknown>(payload ?? {}).setHeaders(contextToHeaders(ctx)).build();
    try {
      return await firstValueFrom(this.client.send<TRes>(pattern, record).pipe(timeout({ first: timeoutMs })), {
        defaultValue: undefined as TRes,
      });
    } catch (error) {
      throw this.toCallError(pattern, error, timeoutMs);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** For /health: up, reconnecting (with since when and how many attempts) or down. */
  connectionHealth(): NatsConnectionHealth {
    return this.client.monitor.health();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private toCallError(pattern: string, error: unknown, timeoutMs: number): RpcCallError {
    if (error instanceof TimeoutError) {
      return this.callError(RPC_UNAVAILABLE, `No answer to ${pattern} within ${timeoutMs} ms`, pattern);
    }
    if (error instanceof EmptyResponseException) {
      return this.callError(RPC_UNAVAILABLE, `No service answers ${pattern}`, pattern);
    }
    if (isRpcErrorPayload(error) && !(error instanceof Error)) {
      const details = typeof error.details === 'object' && error.details !== null ? error.details : undefined;
      return this.callError(error.code, error.message, pattern, isFieldErrorList(error.errors) ? error.errors : undefined, details);
    }
    if (isConnectionFailure(error)) {
      // The gateway's /health shows this message per service: say that the connection is coming back.
      const connection = this.connectionHealth();
      const message = connection.status === 'reconnecting' ? `NATS ${connection.detail ?? 'reconnecting'}; ${pattern} not sent` : `NATS unreachable for ${pattern}`;
      return this.callError(RPC_UNAVAILABLE, message, pattern);
    }
    return this.callError(RPC_INTERNAL, 'Internal error', pattern);
  }

  private callError(
    code: string,
    message: string,
    pattern: string,
    errors?: RpcCallError['errors'],
    details?: Record<string, unknown>,
  ): RpcCallError {
    return new RpcCallError(code, message, statusForCode(code, this.statusRules), pattern, errors, details);
  }
}

/** nats.js connection errors (refused, closed, disconnected) carry these codes. */
const CONNECTION_CODES = new Set(['CONNECTION_REFUSED', 'CONNECTION_CLOSED', 'CONNECTION_DRAINING', 'DISCONNECT', 'CONNECTION_TIMEOUT']);

function isConnectionFailure(error: unknown): boolean {
  if (typeof error === 'string') return /connection/i.test(error);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (CONNECTION_CODES.has(code) || code === 'ECONNREFUSED');
}

import { fieldErrorsFromMessages, ValidationFailedException, type FieldError } from '@broker/platform';
import { Catch, HttpException, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import {
  DOMAIN_CODE_PATTERN,
  isFieldErrorList,
  RPC_INTERNAL,
  RPC_VALIDATION,
  STORE_UNAVAILABLE,
  type RpcErrorPayload,
} from './rpc-error';

export interface RpcErrorFilterOptions {
  /** Recognises transient store failures (`isTransientDatabaseError` of @broker/postgres). */
  isTransient?: (error: unknown) => boolean;
}

const HTTP_CODES: Record<number, string> = {
  400: 'HTTP.BAD_REQUEST',
  401: 'HTTP.UNAUTHENTICATED',
  403: 'HTTP.FORBIDDEN',
  404: 'HTTP.NOT_FOUND',
  409: 'HTTP.CONFLICT',
};

/**
 * Turns whatever a message handler throws into the RPC error payload the caller's RpcClient understands:
 * - a validation failure (the pipe of @broker/platform) -> `{ code: 'VALIDATION', message, errors }`;
 * - a typed error whose `code` has the `AREA.REASON` shape (DomainError, WrongExpectedRevisionError, a failed
 *   nested RpcCallError...) -> `{ code, message, details? }`;
 * - a transient store failure (`options.isTransient`) -> `{ code: 'STORE.UNAVAILABLE' }` (503 with Retry-After at the
 *   gateway), logged at warn level;
 * - anything else -> `{ code: 'INTERNAL', message: 'Internal error' }`, logged here with its stack, never sent.
 * Register it on the microservice: `app.useGlobalFilters(new RpcErrorFilter(logger, { isTransient }))`.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(
    private readonly logger: Logger,
    private readonly options: RpcErrorFilterOptions = {},
  ) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const payload = this.toPayload(exception);
    return throwError(() => payload);
  }

  toPayload(exception: unknown): RpcErrorPayload {
    const payload = rpcErrorPayload(exception, this.options.isTransient);
    if (payload.code === RPC_INTERNAL) {
      this.logger.error({ err: exception }, 'Unexpected error in message handler');
    } else if (payload.code === STORE_UNAVAILABLE && this.options.isTransient?.(exception)) {
      this.logger.warn({ err: exception }, 'Store temporarily unavailable; answered STORE.UNAVAILABLE');
    } else if (payload.code !== RPC_VALIDATION && !(exception instanceof HttpException)) {
      this.logger.debug({ code: payload.code, message: payload.message }, 'Request rejected');
    }
    return payload;
  }
}

/** What RpcErrorFilter answers for `exception` (see there), without logging: also what a contract check looks at. */
export function rpcErrorPayload(exception: unknown, isTransient?: (error: unknown) => boolean): RpcErrorPayload {
  if (exception instanceof ValidationFailedException) {
    return { code: RPC_VALIDATION, message: exception.message, errors: exception.errors };
  }
  if (exception instanceof RpcException) {
    const inner = exception.getError();
    if (typeof inner === 'object' && inner !== null) return rpcErrorPayload(Object.assign(new Error(), inner), isTransient);
  }
  if (exception instanceof HttpException) {
    const fromHttp = httpPayload(exception);
    if (fromHttp) return fromHttp;
  }
  const typed = typedPayload(exception);
  if (typed) return typed;
  if (isTransient?.(exception)) {
    return { code: STORE_UNAVAILABLE, message: 'The service cannot reach its store right now; try again shortly' };
  }
  return { code: RPC_INTERNAL, message: 'Internal error' };
}

function typedPayload(exception: unknown): RpcErrorPayload | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { code, message, errors, details } = exception as Record<string, unknown>;
  if (typeof code !== 'string') return undefined;
  // Field errors may come at the top level or, from a DomainError, inside `details`.
  const fieldErrors = isFieldErrorList(errors) ? errors : isFieldErrorList((details as { errors?: unknown } | undefined)?.errors) ? (details as { errors: FieldError[] }).errors : undefined;
  if (code === RPC_VALIDATION && fieldErrors) {
    return { code, message: typeof message === 'string' ? message : 'Validation failed', errors: fieldErrors };
  }
  if (!DOMAIN_CODE_PATTERN.test(code)) return undefined;
  const payload: RpcErrorPayload = { code, message: typeof message === 'string' && message ? message : code };
  if (isFieldErrorList(errors) && errors.length > 0) payload.errors = errors;
  if (typeof details === 'object' && details !== null && !Array.isArray(details)) {
    payload.details = details as Record<string, unknown>;
  }
  return payload;
}

function httpPayload(exception: HttpException): RpcErrorPayload | undefined {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  if (status === 400 && Array.isArray(message) && message.every((m) => typeof m === 'string')) {
    return { code: RPC_VALIDATION, message: 'Validation failed', errors: fieldErrorsFromMessages(message) };
  }
  const code = HTTP_CODES[status];
  if (!code) return undefined;
  return { code, message: typeof message === 'string' ? message : exception.message };
}

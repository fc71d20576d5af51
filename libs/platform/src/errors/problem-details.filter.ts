import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { problem, PROBLEM_CONTENT_TYPE, RepeatedProblem, type ProblemDetails } from './problem-details';
import { fieldErrorsFromMessages, ValidationFailedException, type FieldError } from './validation';

export interface ProblemDetailsFilterOptions {
  /** Status of an error that has a `code` but no `status` (the RPC status table of @broker/messaging fits). */
  statusForCode?: (code: string) => number;
  /** Retry-After of a 503 whose error names none. Default 2 s. */
  retryAfterSeconds?: number;
}

const GENERIC_500 = 'An unexpected error occurred';
export const DEFAULT_RETRY_AFTER_SECONDS = 2;

/**
 * Answers every error of the HTTP gateway as `application/problem+json` `{ type, title, status, detail, errors? }`:
 * - Nest HttpExceptions keep their status (429's Retry-After header, set by the throttler, stays on the response);
 *   validation failures list `errors: [{ field, message }]`;
 * - errors carrying a string `code` and an HTTP `status` (RpcCallError from @broker/messaging) keep their status;
 * - body-parser failures: 413 for a body too large, 400 for malformed JSON;
 * - a 429 whose error carries `details.retryAfterSeconds` (a throttled RPC such as AUTH.THROTTLED) sets Retry-After;
 * - every 503 (RPC.UNAVAILABLE, STORE.UNAVAILABLE: not done or not confirmed, never half done) sets Retry-After,
 *   from `details.retryAfterSeconds` or `retryAfterSeconds`, so clients know a retry is expected;
 * - anything else is a 500 with a generic detail: never a stack or an internal message (those go to the log).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly options: ProblemDetailsFilterOptions = {},
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toProblem(exception);
    if (body.status >= 500) {
      this.logger.error({ err: exception, status: body.status }, 'Request failed');
    }
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<ServerResponse>();
    if (res.headersSent) {
      res.end();
      return;
    }
    res.statusCode = body.status;
    if (exception instanceof RepeatedProblem) for (const [name, value] of Object.entries(exception.headers)) res.setHeader(name, value);
    const retryAfter =
      body.status === 429
        ? retryAfterSecondsOf(exception)
        : body.status === 503
          ? (retryAfterSecondsOf(exception) ?? this.options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)
          : undefined;
    if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
    res.setHeader('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.end(JSON.stringify(body));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof RepeatedProblem) return exception.problem;
    if (exception instanceof ValidationFailedException) {
      return problem(400, exception.message, { errors: exception.errors, code: exception.code });
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    const bodyParserError = fromBodyParserError(exception);
    if (bodyParserError) return bodyParserError;
    if (isCodedError(exception)) {
      const status = codedStatus(exception, this.options.statusForCode);
      if (status === 500) return problem(500, GENERIC_500);
      return problem(status, exception.message, { code: exception.code, errors: fieldErrorsOf(exception) });
    }
    return problem(500, GENERIC_500);
  }
}

function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (status === 500) return problem(500, GENERIC_500);
  if (typeof response === 'string') return problem(status, response);
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string')) {
    return problem(status, 'Validation failed', { errors: fieldErrorsFromMessages(message) });
  }
  const errors = (response as { errors?: unknown }).errors;
  return problem(status, typeof message === 'string' ? message : exception.message, {
    errors: isFieldErrors(errors) ? errors : undefined,
  });
}

/** Express's body parser passes http-errors with a `type` such as `entity.too.large` and an exposable status. */
function fromBodyParserError(exception: unknown): ProblemDetails | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { type, status, expose } = exception as { type?: unknown; status?: unknown; expose?: unknown };
  if (type === 'entity.too.large') return problem(413, 'Request body too large');
  if (type === 'entity.parse.failed') return problem(400, 'Request body is not valid JSON');
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, String((exception as { message?: unknown }).message ?? 'Bad request'));
  }
  return undefined;
}

interface CodedError {
  code: string;
  message: string;
  status?: unknown;
}

function isCodedError(exception: unknown): exception is CodedError {
  return exception instanceof Error && typeof (exception as { code?: unknown }).code === 'string';
}

function codedStatus(exception: CodedError, statusForCode?: (code: string) => number): number {
  const { status } = exception;
  if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599) return status;
  return statusForCode?.(exception.code) ?? 500;
}

/** Whole seconds from `details.retryAfterSeconds` of a coded error, when it has a sensible one. */
export function retryAfterSecondsOf(exception: unknown): number | undefined {
  const details = (exception as { details?: unknown } | null)?.details;
  const seconds = typeof details === 'object' && details !== null ? (details as { retryAfterSeconds?: unknown }).retryAfterSeconds : undefined;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return undefined;
  return Math.ceil(seconds);
}

function fieldErrorsOf(exception: unknown): FieldError[] | undefined {
  const errors = (exception as { errors?: unknown }).errors;
  return isFieldErrors(errors) ? errors : undefined;
}

function isFieldErrors(value: unknown): value is FieldError[] {
  return (
    Array.isArray(value) &&
    value.every((e) => typeof e === 'object' && e !== null && typeof (e as FieldError).field === 'string')
  );
}

import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import { RepeatedProblem, ValidationFailedException, type ProblemDetailsFilter } from '@broker/platform';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { KeyedRequest } from './command-id.decorator';
import { keyReused, stillRunning, storeUnavailable } from './idempotency.errors';
import { commandIdOf, IDEMPOTENCY_KEY_HEADER, idempotencyRecordName, isValidIdempotencyKey, requestFingerprint } from './idempotency-key';
import type { IdempotencyLease, IdempotencyStore, IdempotentOutcome } from './idempotency-store';

export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');
export const IDEMPOTENCY_SETTINGS = Symbol('IDEMPOTENCY_SETTINGS');

export interface IdempotencySettings {
  /** How long a repeat waits for the first request with its key to finish before answering 503. */
  waitMs: number;
  logger: Logger;
  problems: ProblemDetailsFilter;
}

/** Response headers an answer is repeated with. */
const REPEATED_HEADERS = ['etag', 'location', 'content-location'];

/**
 * `Idempotency-Key` on POST: the first request with a key runs; a repeat with the same method, path and body gets the
 * first answer again (waiting while the first still runs); a repeat with anything else gets 422. Keys belong to the
 * user who sent them. Lasting answers (success and 4xx other than 429) are kept; after a 5xx or 429 nothing is kept
 * and a repeat runs again, which is safe because the command's id derives from the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_SETTINGS) private readonly settings: IdempotencySettings,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request & AuthenticatedRequest & KeyedRequest>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    // Public endpoints (login, refresh) have no user to keep keys for: the header is ignored there.
    if (request.method !== 'POST' || key === undefined || !request.actor) return next.handle();
    if (Array.isArray(key) || !isValidIdempotencyKey(key)) {
      const message = 'Idempotency-Key must be 1 to 255 printable ASCII characters, not starting or ending with a space';
      throw new ValidationFailedException([{ field: 'Idempotency-Key', message }], message);
    }
    request.commandId = commandIdOf(request.actor.userId, key);
    const fingerprint = requestFingerprint(request.method, request.originalUrl, request.body);
    let admission;
    try {
      admission = await this.store.admit(idempotencyRecordName(request.actor.userId, key), fingerprint, this.settings.waitMs);
    } catch (error) {
      this.settings.logger.warn({ err: error }, 'Idempotency records unreachable');
      throw storeUnavailable();
    }
    switch (admission.kind) {
      case 'mismatch':
        throw keyReused();
      case 'busy':
        throw stillRunning();
      case 'replay':
        return of(this.repeat(admission.outcome, http.getResponse<Response>()));
      case 'run':
        return from(this.run(next, admission.lease, http.getResponse<Response>()));
    }
  }

  private repeat(outcome: IdempotentOutcome, response: Response): unknown {
    response.setHeader('idempotent-replayed', 'true');
    if (outcome.kind === 'problem') throw new RepeatedProblem(outcome.problem as never, outcome.headers);
    for (const [name, value] of Object.entries(outcome.headers)) response.setHeader(name, value);
    return outcome.value;
  }

  private async run(next: CallHandler, lease: IdempotencyLease, response: Response): Promise<unknown> {
    let value: unknown;
    try {
      value = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const problem = this.settings.problems.toProblem(error);
      const lasting = problem.status < 500 && problem.status !== 429;
      await (lasting ? lease.finish({ kind: 'problem', status: problem.status, problem: { ...problem }, headers: {} }) : lease.abandon()).catch((storeError: unknown) =>
        this.settings.logger.warn({ err: storeError }, 'Could not record the answer of an idempotent request'),
      );
      throw error;
    }
    // The command is done: whatever happens to the record, the client gets its answer.
    const kept = await lease.finish({ kind: 'value', value, headers: repeatedHeaders(response) }).catch((storeError: unknown) => {
      this.settings.logger.warn({ err: storeError }, 'Could not record the answer of an idempotent request');
      return true;
    });
    if (!kept) this.settings.logger.warn('The answer of an idempotent request is too large to keep: a repeat will run again');
    return value;
  }
}

function repeatedHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPEATED_HEADERS) {
    const value = response.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

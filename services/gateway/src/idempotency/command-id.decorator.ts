import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

export interface KeyedRequest {
  /** Set by the idempotency interceptor when the request carries an Idempotency-Key. */
  commandId?: string;
}

/**
 * The id of the command this request makes (a new transaction, a decision): derived from the client's
 * Idempotency-Key when there is one, so a repeat names the same command; a new one otherwise.
 */
export const CommandId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<KeyedRequest>().commandId ?? randomUUID();
});

import type { FieldError } from '@broker/platform';

/**
 * A request to another service failed. `status` is the HTTP status the code maps to (see rpc-status.ts), so the
 * gateway's ProblemDetailsFilter answers with it; `errors` lists field messages of a VALIDATION failure.
 */
export class RpcCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly pattern: string,
    readonly errors?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RpcCallError';
  }
}

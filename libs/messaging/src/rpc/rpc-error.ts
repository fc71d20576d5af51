import type { FieldError } from '@broker/platform';

export const RPC_VALIDATION = 'VALIDATION';
export const RPC_INTERNAL = 'INTERNAL';
/** No service answered: nobody subscribed, the request timed out, or NATS is unreachable. */
export const RPC_UNAVAILABLE = 'RPC.UNAVAILABLE';
/**
 * The service answered, but its store failed with a transient error (unreachable, restarting, connection lost,
 * serialization failure): nothing was done, or a write's outcome is unknown; never half a write. Retry later.
 */
export const STORE_UNAVAILABLE = 'STORE.UNAVAILABLE';

/** What a failed request answers on the wire (the `err` of the Nest NATS packet). */
export interface RpcErrorPayload {
  code: string;
  message: string;
  /** Field messages when `code` is VALIDATION. */
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

/**
 * The code of a typed domain error: `AREA.REASON` in upper case with at least one dot
 * (`THING.NOT_FOUND`, `EVENT_STORE.WRONG_EXPECTED_REVISION`). System errors (`ECONNREFUSED`, pg's `23505`,
 * nats' `TIMEOUT`) also carry a string `code` but never this shape, so they are never sent to a caller.
 */
export const DOMAIN_CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RpcErrorPayload).code === 'string' &&
    typeof (value as RpcErrorPayload).message === 'string'
  );
}

export function isFieldErrorList(value: unknown): value is FieldError[] {
  return (
    Array.isArray(value) &&
    value.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as FieldError).field === 'string' &&
        typeof (e as FieldError).message === 'string',
    )
  );
}

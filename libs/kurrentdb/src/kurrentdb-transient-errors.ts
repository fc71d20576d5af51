/** Client error types (the client's ErrorType values) that a later retry of the same call may cure. */
const TRANSIENT_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader']);
/** gRPC status codes of the same failures when an error reaches us unconverted: DEADLINE_EXCEEDED, UNAVAILABLE. */
const TRANSIENT_GRPC_CODES = new Set([4, 14]);

/** Whether a KurrentDB call failed in a way that retrying later may cure (server unreachable, leader changing). */
export function isTransientKurrentDbError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  return (typeof type === 'string' && TRANSIENT_TYPES.has(type)) || (typeof code === 'number' && TRANSIENT_GRPC_CODES.has(code));
}

/** Server error codes the adapters act on (src/mongo/base/error_codes.yml in the server). */
export const WRITE_CONFLICT = 112;
export const DUPLICATE_KEY = 11000;
export const NAMESPACE_EXISTS = 48;
export const NO_SUCH_TRANSACTION = 251;
export const MAX_TIME_MS_EXPIRED = 50;

export function errorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function hasErrorLabel(error: unknown, label: string): boolean {
  const labels = (error as { errorLabels?: unknown } | null)?.errorLabels;
  return Array.isArray(labels) && labels.includes(label);
}

/**
 * Another open transaction (or one that committed after this one's snapshot) wrote the same document. Inside a
 * transaction MongoDB does not wait for the other writer: it fails the statement at once and aborts the transaction.
 */
export function isWriteConflict(error: unknown): boolean {
  return errorCode(error) === WRITE_CONFLICT;
}

/** A write that lost a race for a key to a concurrent writer: a conflict on the key, or its duplicate. */
export function isRacedWrite(error: unknown): boolean {
  const code = errorCode(error);
  return code === WRITE_CONFLICT || code === DUPLICATE_KEY;
}

/** The server had already rolled the transaction back (a statement inside it failed) when the commit came. */
export function isAbortedTransaction(error: unknown): boolean {
  return errorCode(error) === NO_SUCH_TRANSACTION;
}

/** Driver errors of a server that cannot be reached (or chosen) just now. */
const TRANSIENT_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoPoolClearedError',
]);

/** Server codes of a primary stepping down or shutting down, an unreachable host, or a lock that could not be had in time. */
const TRANSIENT_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  24, // LockTimeout
  89, // NetworkTimeout
  91, // ShutdownInProgress
  112, // WriteConflict
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** The single rule for "MongoDB is unavailable for a moment, or the unit met another one; try again later". */
export function isTransientMongoError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const name = (error as { name?: unknown }).name;
  if (typeof name === 'string' && TRANSIENT_ERROR_NAMES.has(name)) return true;
  if (hasErrorLabel(error, 'TransientTransactionError') || hasErrorLabel(error, 'RetryableWriteError')) return true;
  const code = errorCode(error);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && isTransientMongoError(cause, depth + 1);
}

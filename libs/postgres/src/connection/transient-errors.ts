/**
 * How a database call failed when the failure is transient (the same call may work a moment later). The kind
 * decides whether running it again is safe:
 * - `not-sent`: no connection could be had (refused, server starting or shutting down, too many connections), so
 *   the statement never reached the server;
 * - `rolled-back`: the server refused the statement and rolled its transaction back (serialization failure,
 *   deadlock), so it changed nothing;
 * - `connection-lost`: the connection broke while the statement or its transaction ran (backend terminated, server
 *   crashed, socket reset). A transaction not yet committed is rolled back by the server, but a statement that
 *   was committing (or a lone statement, which commits itself) may or may not have been committed.
 */
export type TransientFailure = 'not-sent' | 'rolled-back' | 'connection-lost';

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
]);

const ROLLED_BACK_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const CONNECTION_LOST_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01', // admin_shutdown: pg_terminate_backend, smart or fast shutdown
  '57P02', // crash_shutdown: another backend crashed
]);

/** pg and pg-pool report these without a code. */
const NOT_SENT_MESSAGES = ['timeout exceeded when trying to connect', 'Connection terminated due to connection timeout'];
const CONNECTION_LOST_MESSAGES = [
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
  'Query read timeout',
];

/** The kind of transient failure `error` is, or null when it is not transient (a bug, a constraint, bad SQL...). */
export function transientFailure(error: unknown, depth = 0): TransientFailure | null {
  if (typeof error !== 'object' || error === null || depth > 3) return null;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (NOT_SENT_CODES.has(code)) return 'not-sent';
    if (ROLLED_BACK_CODES.has(code)) return 'rolled-back';
    // Class 08 is connection exception; 08P01 is a protocol violation, which a retry does not cure.
    if (CONNECTION_LOST_CODES.has(code) || (code.startsWith('08') && code.length === 5 && code !== '08P01')) return 'connection-lost';
  }
  if (typeof message === 'string') {
    if (NOT_SENT_MESSAGES.some((m) => message.startsWith(m))) return 'not-sent';
    if (CONNECTION_LOST_MESSAGES.some((m) => message.startsWith(m))) return 'connection-lost';
  }
  // Node reports a refused connection to several addresses as an AggregateError; pg-pool may wrap in `cause`.
  if (Array.isArray(errors) && errors.length > 0) {
    const kinds = errors.map((inner) => transientFailure(inner, depth + 1));
    if (kinds.every((kind) => kind === 'not-sent')) return 'not-sent';
    const found = kinds.find((kind) => kind !== null);
    if (found) return found;
  }
  return cause === undefined ? null : transientFailure(cause, depth + 1);
}

/** The single rule for "the database is unavailable for a moment; try again later". */
export function isTransientDatabaseError(error: unknown): boolean {
  return transientFailure(error) !== null;
}

const READ_ONLY_START = /^\s*(?:select|with|show|values|table)\b/i;
/** Anything that may change something, lock something or have an effect outside the statement. */
const NOT_READ_ONLY = /\b(?:insert|update|delete|merge|into|copy|call|do|nextval|setval|pg_notify|pg_advisory\w*|set_config|pg_terminate_backend|pg_cancel_backend|lo_\w+|for\s+(?:no\s+key\s+)?update|for\s+(?:key\s+)?share)\b/i;

/**
 * True when the SQL text is a plain read that may safely run twice. Errs on the side of false: a statement that
 * merely mentions a write keyword (in a string, a column name) counts as a write.
 */
export function isReadOnlyStatement(sql: string): boolean {
  return READ_ONLY_START.test(sql) && !NOT_READ_ONLY.test(sql);
}

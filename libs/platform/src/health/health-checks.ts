import type { NatsConnection } from 'nats';

export interface HealthResult {
  /** `reconnecting`: the connection was lost and is being re-established on its own; nothing to restart. */
  status: 'up' | 'down' | 'reconnecting';
  detail?: string;
}

export interface HealthReport {
  /** `ok` when every check is up. */
  status: 'ok' | 'error';
  checks: Record<string, HealthResult>;
}

export interface HealthCheckOptions {
  /** Default 2000 ms. */
  timeoutMs?: number;
}

/** Anything with `query(sql)`: a pg Pool, a pool client, `PostgresConnection.pool`. */
export interface Queryable {
  query(text: string): Promise<unknown>;
}

const DEFAULT_TIMEOUT_MS = 2000;

/** Up when `SELECT 1` answers within the timeout. */
export function checkPostgres(pool: Queryable, options: HealthCheckOptions = {}): Promise<HealthResult> {
  return probe(() => pool.query('SELECT 1'), options.timeoutMs);
}

export interface NatsCheckOptions extends HealthCheckOptions {
  /** What the connection's monitor knows (NatsConnectionMonitor of @broker/messaging): answers first when not up. */
  state?: () => HealthResult;
}

/**
 * Up when the connection is open and a round trip to the server (flush) answers within the timeout; reconnecting
 * (without waiting) while its monitor says so; down when it is closed.
 */
export function checkNats(connection: NatsConnection, options: NatsCheckOptions = {}): Promise<HealthResult> {
  if (connection.isClosed()) return Promise.resolve({ status: 'down', detail: 'connection closed' });
  const known = options.state?.();
  if (known && known.status !== 'up') return Promise.resolve(known);
  return probe(() => connection.flush(), options.timeoutMs);
}

/** Runs the named checks in parallel. */
export async function runHealthChecks(checks: Record<string, () => Promise<HealthResult>>): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) =>
      checks[name]!().catch((error: unknown): HealthResult => ({ status: 'down', detail: describe(error) })),
    ),
  );
  const report: HealthReport = { status: 'ok', checks: {} };
  names.forEach((name, i) => {
    const result = results[i]!;
    report.checks[name] = result;
    if (result.status !== 'up') report.status = 'error';
  });
  return report;
}

/** Up when `work` resolves within the timeout (a store adapter's own round trip: KurrentDB, MongoDB). */
export function checkAnswers(work: () => Promise<unknown>, options: HealthCheckOptions = {}): Promise<HealthResult> {
  return probe(work, options.timeoutMs);
}

async function probe(work: () => Promise<unknown>, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<HealthResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthResult>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', detail: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([
      work().then((): HealthResult => ({ status: 'up' })),
      timeout,
    ]);
  } catch (error) {
    return { status: 'down', detail: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

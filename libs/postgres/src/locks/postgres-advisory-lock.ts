import type { PostgresConnection } from '../connection/postgres-connection';
import { PostgresLeaseLock } from '../leases/postgres-lease-lock';

/**
 * @deprecated Leaders hold leases now (docs/adr/0010-leases-with-fencing.md): use PostgresLeaseLock. This name is
 * only kept, as a lease lock with the default timing, until the tests that still construct it have moved; the old
 * heartbeat option means nothing for a lease and is ignored.
 */
export class PostgresAdvisoryLock extends PostgresLeaseLock {
  constructor(connection: PostgresConnection, _options: { heartbeatMs?: number } = {}) {
    super(connection);
  }
}

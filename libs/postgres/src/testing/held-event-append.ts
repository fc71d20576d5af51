import type { EventToAppend, ExpectedRevision } from '@broker/event-sourcing';
import type { PostgresConnection } from '../connection/postgres-connection';
import { appendEvents } from '../event-store/append-events.sql';
import { eventStoreNames } from '../event-store/event-store.schema';

export interface HeldEventAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * For the event-store contract's gap-safety tests: performs an append exactly as PostgresEventStore does, but
 * inside a transaction that stays open until `commit()` or `rollback()`. Transaction ids are cluster-wide, so
 * keep it short: while it is open, every reader of the database cluster stops before it.
 */
export async function holdPostgresAppendOpen(
  connection: PostgresConnection,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<HeldEventAppend> {
  const client = await connection.pool.connect();
  let finished = false;
  const finish = async (sql: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
    if (finished) return;
    finished = true;
    try {
      await client.query(sql);
    } finally {
      client.release();
    }
  };
  try {
    await client.query('BEGIN');
    const appended = await appendEvents(client, eventStoreNames(connection.schema), streamId, events, expected);
    if (!appended) throw new Error(`holdPostgresAppendOpen: stream ${streamId} is not at the expected revision ${String(expected)}`);
  } catch (error) {
    await finish('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return { commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
}

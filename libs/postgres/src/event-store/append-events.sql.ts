import type { AppendResult, EventToAppend, ExpectedRevision } from '@broker/event-sourcing';
import type { ClientBase, Pool } from 'pg';
import type { EventStoreNames } from './event-store.schema';
import { toPosition } from './event-row';

type Queryable = Pick<Pool | ClientBase, 'query'>;

/**
 * The reservation step per expected revision. It moves the stream's revision forward by the batch size and
 * returns the new last revision, or no row when the expectation does not hold. Under READ COMMITTED a
 * concurrent writer of the same stream waits on the row lock and then re-checks the condition, so exactly one
 * writer wins each revision.
 */
function reserveSql(streams: string, expected: ExpectedRevision): string {
  switch (expected) {
    case 'no_stream':
      return `INSERT INTO ${streams} AS s (stream_id, revision) VALUES ($1, $2::bigint - 1)
              ON CONFLICT (stream_id) DO NOTHING RETURNING s.revision`;
    case 'any':
      return `INSERT INTO ${streams} AS s (stream_id, revision) VALUES ($1, $2::bigint - 1)
              ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + $2::bigint RETURNING s.revision`;
    case 'stream_exists':
      return `UPDATE ${streams} AS s SET revision = s.revision + $2::bigint WHERE s.stream_id = $1 RETURNING s.revision`;
    default:
      return `UPDATE ${streams} AS s SET revision = s.revision + $2::bigint
              WHERE s.stream_id = $1 AND s.revision = $9::bigint RETURNING s.revision`;
  }
}

/**
 * One statement: reserve revisions, insert the whole batch (unnest, in batch order so seq follows revision),
 * and NOTIFY the schema's channel (delivered at commit). Run alone it is its own transaction: one round trip.
 * Returns the result, or null when the expected revision did not hold. A unique violation (an event id that
 * already exists) is thrown as pg's error 23505.
 */
export async function appendEvents(
  db: Queryable,
  names: EventStoreNames,
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult | null> {
  const sql = `
    WITH reserved AS (${reserveSql(names.streams, expected)}),
    inserted AS (
      INSERT INTO ${names.events} (event_id, stream_id, revision, type, schema_version, data, metadata)
      SELECT x.id, $1, r.revision - $2::bigint + x.ord, x.type, x.version, x.data::jsonb, x.metadata::jsonb
      FROM reserved r
      CROSS JOIN unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::text[])
        WITH ORDINALITY AS x(id, type, version, data, metadata, ord)
      ORDER BY x.ord
      RETURNING transaction_id, seq, revision
    )
    SELECT i.transaction_id::text AS transaction_id, max(i.seq)::text AS seq, max(i.revision)::text AS revision,
           pg_notify($8, '') AS notified
    FROM inserted i
    GROUP BY i.transaction_id`;
  const params: unknown[] = [
    streamId,
    events.length,
    events.map((event) => event.id),
    events.map((event) => event.type),
    events.map((event) => event.schemaVersion ?? 1),
    events.map((event) => JSON.stringify(event.data)),
    events.map((event) => JSON.stringify(event.metadata ?? {})),
    names.channel,
  ];
  if (typeof expected === 'bigint') params.push(expected.toString());
  const result = await db.query<{ transaction_id: string; seq: string; revision: string }>(sql, params);
  const row = result.rows[0];
  if (!row) return null;
  return { nextExpectedRevision: BigInt(row.revision), position: toPosition(row.transaction_id, row.seq) };
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

import { quoteIdentifier } from '../connection/identifiers';

/** Table names of the event store inside the connection's schema (prefixed: other adapters share the schema). */
export const EVENTS_TABLE = 'es_events';
export const STREAMS_TABLE = 'es_streams';

export interface EventStoreNames {
  /** Qualified, quoted table names for SQL text. */
  events: string;
  streams: string;
  /** NOTIFY channel of this schema's appends (channel names are limited to 63 bytes). */
  channel: string;
}

export function eventStoreNames(schema: string): EventStoreNames {
  const qschema = quoteIdentifier(schema);
  return {
    events: `${qschema}.${EVENTS_TABLE}`,
    streams: `${qschema}.${STREAMS_TABLE}`,
    channel: `es_${schema}`.slice(0, 63),
  };
}

/**
 * Global position = (transaction_id, seq): transaction_id is the writer's xid8, seq a bigserial.
 * Readers only return rows below the oldest transaction still in flight (see readAll), so ordering by
 * transaction id can never let a later commit slip in before a position already read.
 */
export function createEventStoreTablesSql(names: EventStoreNames): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${names.streams} (
      stream_id text COLLATE "C" PRIMARY KEY,
      revision bigint NOT NULL
    )`,
    `CREATE TABLE IF NOT EXISTS ${names.events} (
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      seq bigserial NOT NULL,
      event_id text COLLATE "C" NOT NULL,
      stream_id text COLLATE "C" NOT NULL,
      revision bigint NOT NULL,
      type text COLLATE "C" NOT NULL,
      schema_version integer NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (transaction_id, seq),
      CONSTRAINT ${EVENTS_TABLE}_stream_revision_key UNIQUE (stream_id, revision),
      CONSTRAINT ${EVENTS_TABLE}_event_id_key UNIQUE (event_id)
    )`,
    // Type-filtered global reads (projections, the outbox) walk this instead of the whole log.
    `CREATE INDEX IF NOT EXISTS ${EVENTS_TABLE}_type_position_idx ON ${names.events} (type, transaction_id, seq)`,
  ];
}

import type { EventMetadata, GlobalPosition, RecordedEvent } from '@broker/event-sourcing';

/** pg returns int8 and xid8 as strings; every bigint column is selected as text and converted here. */
export interface EventRow {
  transaction_id: string;
  seq: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  recorded_at: Date;
}

export const EVENT_COLUMNS =
  'e.transaction_id::text AS transaction_id, e.seq::text AS seq, e.event_id, e.stream_id, e.revision::text AS revision, ' +
  'e.type, e.schema_version, e.data, e.metadata, e.recorded_at';

export function toPosition(transactionId: string, seq: string): GlobalPosition {
  return { commit: BigInt(transactionId), prepare: BigInt(seq) };
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: toPosition(row.transaction_id, row.seq),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

/** Position bounds as SQL parameters: START (-1, -1) becomes (0, -1), below every real xid. */
export function positionParams(position: GlobalPosition): [string, string] {
  return [(position.commit < 0n ? 0n : position.commit).toString(), position.prepare.toString()];
}

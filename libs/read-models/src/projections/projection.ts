import type { RecordedEvent } from '@broker/event-sourcing';

/**
 * A projection is data plus a pure function, testable without a database.
 * The runner keeps one collection per projection version (`<name>_v<version>`), so a new version rebuilds
 * from position zero beside the old one.
 */
export interface Projection<Doc> {
  name: string;
  version: number;
  /** Event types it reads; others are skipped without loading anything. */
  handles: readonly string[];
  /** The document an event belongs to, or null to ignore the event. */
  documentId(event: RecordedEvent): string | null;
  /** The next document; null deletes it. Must be pure and idempotent for the same event. */
  evolve(document: Doc | null, event: RecordedEvent): Doc | null;
  /** Indexed fields of the projection's collection. */
  indexes?: Record<string, 'string' | 'number'>;
}

export function projectionCollection(projection: Pick<Projection<unknown>, 'name' | 'version'>): string {
  return `${projection.name}_v${projection.version}`;
}

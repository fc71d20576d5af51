import type { RecordedEvent } from '@broker/event-sourcing';
import type { Projection } from './projection';

/** The checkpoint (and leader-lock) name of one projection version: `projection:<name>:v<version>`. */
export function projectionCheckpointName(projection: Pick<Projection<unknown>, 'name' | 'version'>): string {
  return `projection:${projection.name}:v${projection.version}`;
}

/** Ids of the documents a batch touches, in first-seen order; events the projection does not handle are skipped. */
export function batchDocumentIds<Doc>(projection: Projection<Doc>, events: readonly RecordedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    const id = projection.documentId(event);
    if (id !== null) ids.add(id);
  }
  return [...ids];
}

/**
 * Folds a batch over the documents it touches. `loaded` holds each touched document's stored state (null when
 * absent); the result holds each one's final state (null: delete), in first-seen order.
 */
export function evolveBatch<Doc>(
  projection: Projection<Doc>,
  events: readonly RecordedEvent[],
  loaded: ReadonlyMap<string, Doc | null>,
): Map<string, Doc | null> {
  const documents = new Map<string, Doc | null>();
  for (const event of events) {
    if (!projection.handles.includes(event.type)) continue;
    const id = projection.documentId(event);
    if (id === null) continue;
    const current = documents.has(id) ? documents.get(id)! : loaded.get(id) ?? null;
    documents.set(id, projection.evolve(current, event));
  }
  return documents;
}

/** Exponential backoff after consecutive failures: base, 2·base, 4·base ... capped at max. */
export function retryDelay(failures: number, baseMs: number, maxMs: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(baseMs * 2 ** exponent, maxMs);
}

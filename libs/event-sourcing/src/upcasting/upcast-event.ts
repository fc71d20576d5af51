import type { RecordedEvent } from '../event-store/event-store.port';
import type { UpcasterRegistry } from './upcaster';

/** The event in its type's current shape; the same object when nothing had to change. */
export function upcastEvent(event: RecordedEvent, registry: UpcasterRegistry): RecordedEvent {
  const result = registry.upcast(event.type, event.schemaVersion, event.data);
  if (result.schemaVersion === event.schemaVersion) return event;
  return { ...event, schemaVersion: result.schemaVersion, data: result.data };
}

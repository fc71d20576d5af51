import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
} from '../event-store/event-store.port';
import { upcastEvent } from './upcast-event';
import type { UpcasterRegistry } from './upcaster';

/**
 * Wraps a store so reads return every event in its current shape. Appends pass through; an event appended
 * without a schema version is stamped with the current version of its type.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {}

  appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, this.stamped(events), expected);
  }

  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.inner.appendToStreams(appends.map((append) => ({ ...append, events: this.stamped(append.events) })));
  }

  private stamped(events: readonly EventToAppend[]): EventToAppend[] {
    return events.map((event) =>
      event.schemaVersion === undefined ? { ...event, schemaVersion: this.registry.currentVersion(event.type) } : event,
    );
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    return events.map((event) => upcastEvent(event, this.registry));
  }

  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.inner.readAll(options);
    return { ...result, events: result.events.map((event) => upcastEvent(event, this.registry)) };
  }

  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.inner.waitForEvents(timeoutMs, signal);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, ReadAllOptions, ReadAllResult, ReadStreamOptions, RecordedEvent, StreamAppend } from '@broker/event-sourcing';

/** An event store that counts the events its global reads return: the progress of a replay. */
export class CountingEventStore implements EventStore {
  private count = 0;

  constructor(private readonly inner: EventStore) {}

  get eventsRead(): number {
    return this.count;
  }

  appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, expected);
  }

  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.inner.appendToStreams(appends);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.inner.readAll(options);
    this.count += result.events.length;
    return result;
  }

  waitForEvents(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.inner.waitForEvents(timeoutMs, signal);
  }

  /** The inner store belongs to the caller. */
  async close(): Promise<void> {}
}

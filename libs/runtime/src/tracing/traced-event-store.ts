import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, StreamAppend } from '@broker/event-sourcing';
import { activeTraceCarrier, inSpan, tracingEnabled } from '@broker/platform';

/**
 * The event store with appends traced (tracing on): each append is a span, and each appended event carries that
 * span's W3C trace context in its metadata (`traceparent`), so the outbox and the consumers downstream continue the
 * same trace. Off, it is the store itself.
 */
export function tracedEventStore(store: EventStore): EventStore {
  return tracingEnabled() ? new TracedEventStore(store) : store;
}

class TracedEventStore implements EventStore {
  constructor(private readonly inner: EventStore) {}

  appendToStream(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return inSpan('event-store append', { attributes: { 'broker.events': events.length } }, () => this.inner.appendToStream(streamId, withTraceContext(events), expected));
  }

  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const events = appends.reduce((sum, append) => sum + append.events.length, 0);
    return inSpan('event-store append', { attributes: { 'broker.events': events, 'broker.streams': appends.length } }, () =>
      this.inner.appendToStreams(appends.map((append) => ({ ...append, events: withTraceContext(append.events) }))),
    );
  }

  readStream: EventStore['readStream'] = (streamId, options) => this.inner.readStream(streamId, options);
  readAll: EventStore['readAll'] = (options) => this.inner.readAll(options);
  waitForEvents: EventStore['waitForEvents'] = (timeoutMs, signal) => this.inner.waitForEvents(timeoutMs, signal);
  close: EventStore['close'] = () => this.inner.close();
}

function withTraceContext(events: readonly EventToAppend[]): EventToAppend[] {
  const carrier = activeTraceCarrier();
  if (!carrier) return [...events];
  return events.map((event) => ({ ...event, metadata: { ...event.metadata, ...carrier } }));
}

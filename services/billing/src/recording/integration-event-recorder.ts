import { Inject, Injectable } from '@nestjs/common';
import type { ServiceName } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { eventHandlers } from '@broker/messaging';
import { EVENT_STORE, type ConsumerDefinition, type EventConsumer } from '@broker/runtime';
import { RECORDED_EVENTS, type Recording } from './record-integration-event';

/**
 * Records other services' integration events as billing facts in billing's own event store. The append is
 * idempotent by event id (= the envelope id): when the inbox entry fails to commit after the append did, the
 * redelivered message appends nothing.
 */
@Injectable()
export class IntegrationEventRecorder implements EventConsumer {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async append(recording: Recording): Promise<void> {
    await this.store.appendToStream(recording.streamId, [recording.event], 'any');
  }

  /** One durable consumer per source service. */
  consumers(): ConsumerDefinition[] {
    return (Object.keys(RECORDED_EVENTS) as (keyof typeof RECORDED_EVENTS)[]).map((from) => ({
      name: `record-${from}`,
      from: from as ServiceName,
      handlers: eventHandlers(...RECORDED_EVENTS[from].map((recorded) => recorded.handler((recording) => this.append(recording)))),
    }));
  }
}

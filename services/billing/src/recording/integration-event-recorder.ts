import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEventEnvelope, ServiceName } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import type { IntegrationEventHandlers } from '@broker/messaging';
import { EVENT_STORE, type ConsumerDefinition, type EventConsumer } from '@broker/runtime';
import { RECORDED_TYPES, recordingOf } from './record-integration-event';

/**
 * Records other services' integration events as billing facts in billing's own event store. The append is
 * idempotent by event id (= the envelope id): when the inbox entry fails to commit after the append did, the
 * redelivered message appends nothing.
 */
@Injectable()
export class IntegrationEventRecorder implements EventConsumer {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(envelope: IntegrationEventEnvelope): Promise<void> {
    const recording = recordingOf(envelope);
    if (!recording) return;
    await this.store.appendToStream(recording.streamId, [recording.event], 'any');
  }

  /** One durable consumer per source service. */
  consumers(): ConsumerDefinition[] {
    return (Object.keys(RECORDED_TYPES) as (keyof typeof RECORDED_TYPES)[]).map((from) => ({
      name: `record-${from}`,
      from: from as ServiceName,
      handlers: this.handlers(RECORDED_TYPES[from]),
    }));
  }

  private handlers(types: readonly string[]): IntegrationEventHandlers {
    return Object.fromEntries(types.map((type) => [type, (envelope: IntegrationEventEnvelope) => this.record(envelope)]));
  }
}

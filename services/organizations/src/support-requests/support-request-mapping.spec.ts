import type { RecordedEvent } from '@broker/event-sourcing';
import { organizationsEventMapper } from '../integration-event-mapper';

describe('organizations integration event mapper: support requests', () => {
  it('publishes SupportRequestCreated with its facts and the tenant taken from the event data', () => {
    const data = {
      supportRequestId: 'sr-1',
      resellerId: 'r-1',
      organizationId: 'o-1',
      organizationName: 'Contoso',
      requestedBy: 'u-1',
      subject: 'Backup fails',
      message: 'Since Monday.',
      subscription: { subscriptionId: 's-1', productId: 'p-1', productName: 'Backup', quantity: 3, status: 'active' },
      createdAt: '2026-03-16T09:00:00.000Z',
    };
    const recorded: RecordedEvent = {
      id: 'e-1',
      streamId: 'support-request-sr-1',
      revision: 0n,
      position: { commit: 1n, prepare: 0n },
      type: 'SupportRequestCreated',
      schemaVersion: 1,
      data,
      metadata: { correlationId: 'c-1', actorId: 'u-1' },
      recordedAt: new Date('2026-03-16T09:00:00Z'),
    };
    expect(organizationsEventMapper(recorded)).toEqual({
      id: 'e-1',
      type: 'organizations.support-request-created.v1',
      occurredAt: '2026-03-16T09:00:00.000Z',
      correlationId: 'c-1',
      causationId: 'c-1',
      actorId: 'u-1',
      resellerId: 'r-1',
      organizationId: 'o-1',
      data,
    });
  });
});

import type { RecordedEvent } from '@broker/event-sourcing';
import { organizationsEventMapper } from './integration-event-mapper';

const recorded = (type: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}): RecordedEvent => ({
  id: 'e-1',
  streamId: 'organization-o-1',
  revision: 0n,
  position: { commit: 1n, prepare: 0n },
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c-1', actorId: 'u-1', ...metadata },
  recordedAt: new Date('2026-03-16T09:00:00Z'),
});

const ids = { organizationId: 'o-1', resellerId: 'r-1' };

describe('organizations integration event mapper: organizations', () => {
  it.each([
    ['OrganizationCreated', { ...ids, name: 'Contoso', primaryDomain: 'contoso.com', notificationEmail: 'it@contoso.com', billingStartDate: '2026-03-16', createdBy: 'u-1', createdAt: 't' }, 'organizations.organization-created.v1'],
    ['OrganizationChanged', { ...ids, name: 'Contoso', notificationEmail: 'it@contoso.com', changedBy: 'u-1', changedAt: 't' }, 'organizations.organization-changed.v1'],
    ['OrganizationDomainAdded', { ...ids, domain: 'contoso.de', addedBy: 'u-1', addedAt: 't' }, 'organizations.organization-domain-added.v1'],
    ['OrganizationDomainRemoved', { ...ids, domain: 'contoso.de', removedBy: 'u-1', removedAt: 't' }, 'organizations.organization-domain-removed.v1'],
    ['OrganizationSettingsChanged', { ...ids, notificationEmail: 'b@contoso.com', billingStartDate: '2026-01-01', changedBy: 'u-1', changedAt: 't' }, 'organizations.organization-settings-changed.v1'],
  ])('publishes %s as %s with the tenant in the envelope, taken from the event data', (type, data, integrationType) => {
    // No tenant in the metadata: the envelope must still carry it.
    const envelope = organizationsEventMapper(recorded(type, data));
    expect(envelope).toEqual({
      id: 'e-1',
      type: integrationType,
      occurredAt: '2026-03-16T09:00:00.000Z',
      correlationId: 'c-1',
      causationId: 'c-1',
      actorId: 'u-1',
      resellerId: 'r-1',
      organizationId: 'o-1',
      data,
    });
  });

  it('keeps domain claims internal', () => {
    expect(organizationsEventMapper(recorded('DomainClaimed', { domain: 'contoso.com', ...ids, claimedBy: 'u-1', claimedAt: 't' }))).toBeNull();
    expect(organizationsEventMapper(recorded('DomainReleased', { domain: 'contoso.com', organizationId: 'o-1', releasedBy: 'u-1', releasedAt: 't' }))).toBeNull();
  });
});

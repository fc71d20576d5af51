import type { RecordedEvent } from '@broker/event-sourcing';
import { organizationListProjection, type OrganizationListEntry } from './organization-list.projection';

let revision = 0n;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'organization-o-1',
  revision: revision++,
  position: { commit: revision, prepare: 0n },
  type,
  schemaVersion: 1,
  data,
  metadata: {},
  recordedAt: new Date('2026-03-16T09:00:00Z'),
});

const ids = { organizationId: 'o-1', resellerId: 'r-1' };
const history = [
  recorded('OrganizationCreated', { ...ids, name: 'Contoso', primaryDomain: 'contoso.com', notificationEmail: 'it@contoso.com', billingStartDate: '2026-03-16', createdBy: 'u', createdAt: '2026-03-16T09:00:00.000Z' }),
  recorded('OrganizationDomainAdded', { ...ids, domain: 'contoso.de', addedBy: 'u', addedAt: 't' }),
  recorded('OrganizationDomainAdded', { ...ids, domain: 'contoso.se', addedBy: 'u', addedAt: 't' }),
  recorded('OrganizationChanged', { ...ids, name: 'Beta Contoso', notificationEmail: 'ops@contoso.com', changedBy: 'u', changedAt: 't' }),
  recorded('OrganizationDomainRemoved', { ...ids, domain: 'contoso.de', removedBy: 'u', removedAt: 't' }),
  recorded('OrganizationSettingsChanged', { ...ids, notificationEmail: 'billing@contoso.com', billingStartDate: '2026-01-01', changedBy: 'u', changedAt: 't' }),
];

const replay = (events: RecordedEvent[]) => events.reduce<OrganizationListEntry | null>((doc, event) => organizationListProjection.evolve(doc, event), null);

describe('organization list projection', () => {
  it('follows an organization through its history', () => {
    expect(replay(history)).toEqual({
      id: 'o-1',
      resellerId: 'r-1',
      name: 'Beta Contoso',
      nameKey: 'beta contoso',
      primaryDomain: 'contoso.com',
      domains: ['contoso.com', 'contoso.se'],
      notificationEmail: 'billing@contoso.com',
      billingStartDate: '2026-01-01',
      createdAt: '2026-03-16T09:00:00.000Z',
    });
    expect(organizationListProjection.documentId(history[0]!)).toBe('o-1');
  });

  it('gives the same document when rebuilt, and applying an event twice changes nothing', () => {
    expect(replay(history)).toEqual(replay(history));
    const once = replay(history.slice(0, 2));
    expect(organizationListProjection.evolve(once, history[1]!)).toEqual(once);
  });

  it('ignores changes to an organization it never saw created', () => {
    expect(organizationListProjection.evolve(null, history[3]!)).toBeNull();
  });
});

import type { OrganizationEvent } from './domain/organization.events';
import { evolveVersioned, NO_ORGANIZATION, type VersionedOrganization } from './settings-version';

const ids = { organizationId: 'o-1', resellerId: 'r-1' };
const at = '2026-03-16T09:00:00.000Z';
const created: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { ...ids, name: 'Contoso', primaryDomain: 'contoso.com', notificationEmail: 'it@contoso.com', billingStartDate: '2026-03-16', createdBy: 'u-1', createdAt: at },
};
const renamed = (name: string, notificationEmail = 'it@contoso.com'): OrganizationEvent => ({ type: 'OrganizationChanged', data: { ...ids, name, notificationEmail, changedBy: 'u-1', changedAt: at } });
const domainAdded: OrganizationEvent = { type: 'OrganizationDomainAdded', data: { ...ids, domain: 'contoso.de', addedBy: 'u-1', addedAt: at } };
const settingsChanged = (notificationEmail: string, billingStartDate: string): OrganizationEvent => ({
  type: 'OrganizationSettingsChanged',
  data: { ...ids, notificationEmail, billingStartDate, changedBy: 'u-1', changedAt: at },
});

/** The organization after these events, at revisions 0, 1, 2... */
const replay = (events: OrganizationEvent[]): VersionedOrganization => events.reduce((current, event, i) => evolveVersioned(current, event, BigInt(i)), NO_ORGANIZATION);

describe('settings version', () => {
  it('is 0 before the organization exists and 1 once it is created', () => {
    expect(NO_ORGANIZATION.settingsVersion).toBe('0');
    expect(replay([created])).toMatchObject({ revision: 0n, settingsVersion: '1' });
  });

  it('stays as it is when only the name or the domains change', () => {
    expect(replay([created, renamed('Contoso Ltd'), domainAdded])).toMatchObject({ revision: 2n, settingsVersion: '1' });
  });

  it('is the number of the last event that changed the notification e-mail or the billing start date', () => {
    expect(replay([created, domainAdded, renamed('Contoso', 'billing@contoso.com')]).settingsVersion).toBe('3');
    expect(replay([created, domainAdded, settingsChanged('it@contoso.com', '2026-01-01'), renamed('Contoso Ltd')]).settingsVersion).toBe('3');
    expect(replay([created, settingsChanged('a@contoso.com', '2026-03-16'), settingsChanged('it@contoso.com', '2026-03-16')]).settingsVersion).toBe('3');
  });

  it('keeps the state the decider builds', () => {
    expect(replay([created, domainAdded]).state).toMatchObject({ status: 'active', domains: ['contoso.com', 'contoso.de'], notificationEmail: 'it@contoso.com' });
  });
});

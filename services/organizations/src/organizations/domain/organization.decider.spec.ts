import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { organizationDecider } from './organization.decider';
import type { OrganizationEvent } from './organization.events';
import { InternetDomainNotFoundError, OrganizationAlreadyExistsError, OrganizationNotFoundError, PrimaryDomainRemovalError } from './organization.errors';

const spec = DeciderSpecification.for(organizationDecider);
const at = new Date('2026-03-16T23:30:00Z');
const later = new Date('2026-04-01T08:00:00Z');
const ids = { organizationId: 'o-1', resellerId: 'r-1' };
const fields = { ...ids, name: 'Contoso', primaryDomain: 'contoso.com', notificationEmail: 'it@contoso.com' };
const created: OrganizationEvent = {
  type: 'OrganizationCreated',
  data: { ...fields, billingStartDate: '2026-03-16', createdBy: 'u-1', createdAt: at.toISOString() },
};
const added = (domain: string, proof: 'reseller' | 'dns_txt' | 'reseller_approval' = 'reseller'): OrganizationEvent => ({
  type: 'OrganizationDomainAdded',
  data: { ...ids, domain, addedBy: 'u-1', addedAt: at.toISOString(), proof },
});
const requested = (domain: string, token: string): OrganizationEvent => ({
  type: 'OrganizationDomainVerificationRequested',
  data: { ...ids, domain, token, requestedBy: 'u-2', requestedAt: at.toISOString() },
});

describe('organization decider', () => {
  it('creates an organization once, its billing starting on the creation date (UTC)', () => {
    spec.when({ type: 'CreateOrganization', data: fields, actorId: 'u-1', at }).then([created]);
    spec.given([created]).when({ type: 'CreateOrganization', data: fields, actorId: 'u-1', at }).thenThrows(OrganizationAlreadyExistsError);
  });

  it('takes the billing start date from the UTC date, not the local one', () => {
    const lateEvening = new Date('2026-12-31T23:59:59.999Z');
    const [event] = organizationDecider.decide({ type: 'CreateOrganization', data: fields, actorId: 'u-1', at: lateEvening }, organizationDecider.initialState());
    expect(event).toMatchObject({ data: { billingStartDate: '2026-12-31' } });
  });

  it('refuses every change to an organization that does not exist', () => {
    spec.when({ type: 'ChangeOrganization', data: { organizationId: 'o-9', name: 'X' }, actorId: 'u-1', at }).thenThrows(OrganizationNotFoundError);
    spec.when({ type: 'AddDomain', data: { organizationId: 'o-9', domain: 'x.example' }, actorId: 'u-1', at }).thenThrows(OrganizationNotFoundError);
    spec.when({ type: 'RemoveDomain', data: { organizationId: 'o-9', domain: 'x.example' }, actorId: 'u-1', at }).thenThrows(OrganizationNotFoundError);
    spec
      .when({ type: 'SetOrganizationSettings', data: { organizationId: 'o-9', notificationEmail: 'a@b.example', billingStartDate: '2026-01-01' }, actorId: 'u-1', at })
      .thenThrows(OrganizationNotFoundError);
  });

  it('changes name and notification e-mail, carrying both, and records nothing when unchanged', () => {
    spec
      .given([created])
      .when({ type: 'ChangeOrganization', data: { organizationId: 'o-1', name: 'Contoso Group' }, actorId: 'u-2', at: later })
      .then([
        { type: 'OrganizationChanged', data: { ...ids, name: 'Contoso Group', notificationEmail: 'it@contoso.com', changedBy: 'u-2', changedAt: later.toISOString() } },
      ]);
    spec.given([created]).when({ type: 'ChangeOrganization', data: { organizationId: 'o-1', name: 'Contoso', notificationEmail: 'it@contoso.com' }, actorId: 'u-2', at }).then([]);
    spec.given([created]).when({ type: 'ChangeOrganization', data: { organizationId: 'o-1' }, actorId: 'u-2', at }).then([]);
  });

  it('adds a domain once', () => {
    spec.given([created]).when({ type: 'AddDomain', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-1', at }).then([added('contoso.de')]);
    spec.given([created, added('contoso.de')]).when({ type: 'AddDomain', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-1', at }).then([]);
    spec.given([created]).when({ type: 'AddDomain', data: { organizationId: 'o-1', domain: 'contoso.com' }, actorId: 'u-1', at }).then([]);
  });

  it('removes an extra domain, never the primary one, and not one it does not have', () => {
    spec
      .given([created, added('contoso.de')])
      .when({ type: 'RemoveDomain', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-1', at: later })
      .then([{ type: 'OrganizationDomainRemoved', data: { ...ids, domain: 'contoso.de', removedBy: 'u-1', removedAt: later.toISOString() } }]);
    spec.given([created]).when({ type: 'RemoveDomain', data: { organizationId: 'o-1', domain: 'contoso.com' }, actorId: 'u-1', at }).thenThrows(PrimaryDomainRemovalError);
    spec.given([created]).when({ type: 'RemoveDomain', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-1', at }).thenThrows(InternetDomainNotFoundError);
    const removed: OrganizationEvent = { type: 'OrganizationDomainRemoved', data: { ...ids, domain: 'contoso.de', removedBy: 'u-1', removedAt: at.toISOString() } };
    spec.given([created, added('contoso.de'), removed]).when({ type: 'RemoveDomain', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-1', at }).thenThrows(InternetDomainNotFoundError);
    // Removed, it can be added again.
    spec.given([created, added('contoso.de'), removed]).when({ type: 'AddDomain', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-1', at }).then([added('contoso.de')]);
  });

  it('sets its own settings ("set to"), recording nothing when they are already so', () => {
    const settings = { organizationId: 'o-1', notificationEmail: 'billing@contoso.com', billingStartDate: '2026-01-01' };
    spec
      .given([created])
      .when({ type: 'SetOrganizationSettings', data: settings, actorId: 'u-1', at: later })
      .then([{ type: 'OrganizationSettingsChanged', data: { ...ids, notificationEmail: 'billing@contoso.com', billingStartDate: '2026-01-01', changedBy: 'u-1', changedAt: later.toISOString() } }]);
    const changed: OrganizationEvent = { type: 'OrganizationSettingsChanged', data: { ...ids, notificationEmail: 'billing@contoso.com', billingStartDate: '2026-01-01', changedBy: 'u-1', changedAt: later.toISOString() } };
    spec.given([created, changed]).when({ type: 'SetOrganizationSettings', data: settings, actorId: 'u-1', at }).then([]);
    spec
      .given([created])
      .when({ type: 'SetOrganizationSettings', data: { organizationId: 'o-1', notificationEmail: 'it@contoso.com', billingStartDate: '2026-03-16' }, actorId: 'u-1', at })
      .then([]);
  });

  it('evolves into the state the views read', () => {
    const state = [created, added('contoso.de'), added('contoso.se')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state).toEqual({
      status: 'active',
      id: 'o-1',
      resellerId: 'r-1',
      name: 'Contoso',
      primaryDomain: 'contoso.com',
      domains: ['contoso.com', 'contoso.de', 'contoso.se'],
      pendingDomains: [],
      notificationEmail: 'it@contoso.com',
      billingStartDate: '2026-03-16',
      createdAt: at.toISOString(),
    });
  });

  it('keeps a requested domain pending (not one of its domains) until it is added with its proof', () => {
    spec
      .given([created])
      .when({ type: 'RequestDomainVerification', data: { organizationId: 'o-1', domain: 'contoso.de', token: 't-1' }, actorId: 'u-2', at })
      .then([requested('contoso.de', 't-1')]);
    spec.given([created, added('contoso.de')]).when({ type: 'RequestDomainVerification', data: { organizationId: 'o-1', domain: 'contoso.de', token: 't-1' }, actorId: 'u-2', at }).then([]);
    const pending = [created, requested('contoso.de', 't-1')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(pending).toMatchObject({ domains: ['contoso.com'], pendingDomains: [{ domain: 'contoso.de', token: 't-1', requestedAt: at.toISOString() }] });
    // A new request replaces the token; the proven domain leaves the pending ones.
    const renewed = [created, requested('contoso.de', 't-1'), requested('contoso.de', 't-2')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(renewed).toMatchObject({ pendingDomains: [{ domain: 'contoso.de', token: 't-2' }] });
    const proven = [created, requested('contoso.de', 't-1'), added('contoso.de', 'dns_txt')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(proven).toMatchObject({ domains: ['contoso.com', 'contoso.de'], pendingDomains: [] });
  });

  it('cancels a pending domain, and only one that is pending', () => {
    spec
      .given([created, requested('contoso.de', 't-1')])
      .when({ type: 'CancelDomainVerification', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-2', at })
      .then([{ type: 'OrganizationDomainVerificationCancelled', data: { ...ids, domain: 'contoso.de', cancelledBy: 'u-2', cancelledAt: at.toISOString() } }]);
    spec.given([created]).when({ type: 'CancelDomainVerification', data: { organizationId: 'o-1', domain: 'contoso.de' }, actorId: 'u-2', at }).thenThrows(InternetDomainNotFoundError);
  });
});

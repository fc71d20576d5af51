import { ApprovalsEvents, CatalogEvents, IdentityEvents, OrganizationsEvents, SupportRequestEvents } from '@broker/contracts';
import { ACTIVITY_DESCRIBERS, type ActivityNames } from './activity-descriptions';

const names: ActivityNames = {
  user: async (id) => ({ 'u-admin': 'Ada Admin', 'u-1': 'Quinn Tester', 'u-2': 'Del Egate' })[id] ?? null,
  organization: async (id) => (id === 'o-1' ? 'Contoso' : null),
  tenantOfUser: async (id) => (id === 'u-1' ? { resellerId: 'r-1', organizationId: 'o-1' } : null),
};
const describe_ = async (type: string, data: object) => {
  const describer = ACTIVITY_DESCRIBERS.find((d) => d.contract.type === type);
  if (!describer) throw new Error(`no describer for ${type}`);
  return describer.describe(data, names);
};

/** Events that are not actions of their own: what an approval already lists, as the catalog applies it; a step the chain reached by itself. */
const NOT_ACTIONS = [
  CatalogEvents.subscriptionActivated.type,
  CatalogEvents.subscriptionQuantityChanged.type,
  CatalogEvents.subscriptionCancelled.type,
  ApprovalsEvents.approvalStepReached.type,
];

describe('activity descriptions', () => {
  it('lists every integration event as an action, or says why not: a new event must be placed', () => {
    const all = [IdentityEvents, OrganizationsEvents, SupportRequestEvents, CatalogEvents, ApprovalsEvents].flatMap((events) => Object.values(events).map((contract) => contract.type));
    const described = ACTIVITY_DESCRIBERS.map((d) => d.contract.type);
    expect(new Set(described).size).toBe(described.length);
    expect(all.filter((type) => !described.includes(type) && !NOT_ACTIONS.includes(type))).toEqual([]);
  });

  it('names who signed in, and gives a refused sign-in of a known user their tenant; never the name typed', async () => {
    expect(await describe_(IdentityEvents.signedIn.type, { userId: 'u-1', resellerId: 'r-1', organizationId: 'o-1', clientAddress: '127.0.0.1', at: 't' })).toEqual({
      action: 'user.signed-in', actorId: 'u-1', target: { type: 'user', id: 'u-1', name: 'Quinn Tester' }, summary: 'Signed in from 127.0.0.1',
    });
    expect(await describe_(IdentityEvents.signInFailed.type, { userId: 'u-1', reason: 'wrong_password', clientAddress: null, at: 't' })).toMatchObject({
      action: 'user.sign-in-failed', actorId: 'u-1', tenant: { resellerId: 'r-1', organizationId: 'o-1' }, summary: 'Sign-in refused (wrong password)',
    });
    expect(await describe_(IdentityEvents.signInFailed.type, { userId: null, reason: 'unknown_user', clientAddress: null, at: 't' })).toMatchObject({ actorId: null, tenant: null });
  });

  it('says what an order, its approval by policy and a rejection were, with the transaction as the target', async () => {
    const facts = { transactionId: 't-1', transactionType: 'change', productName: 'Backup', quantity: 12, previousQuantity: 10, requestedBy: 'u-1' };
    expect(await describe_(ApprovalsEvents.transactionRequested.type, { ...facts, needsApproval: true })).toEqual({
      action: 'transaction.requested', target: { type: 'transaction', id: 't-1', name: 'Backup' }, summary: 'Requested a quantity change of Backup from 10 to 12, waiting for approval',
    });
    expect(await describe_(ApprovalsEvents.transactionApproved.type, { ...facts, decidedBy: 'policy', byPolicy: true })).toMatchObject({ actorId: 'policy', summary: 'Approved a quantity change of Backup from 10 to 12 (by the approval policy)' });
    expect(await describe_(ApprovalsEvents.transactionRejected.type, { ...facts, transactionType: 'order', decidedBy: 'u-admin', reason: 'Not now' })).toMatchObject({
      action: 'transaction.rejected', actorId: 'u-admin', summary: 'Rejected an order of Backup x 12: Not now',
    });
  });

  it('describes settings, budgets and delegation in words, with names it knows', async () => {
    expect(await describe_(OrganizationsEvents.organizationDomainAdded.type, { organizationId: 'o-1', resellerId: 'r-1', domain: 'contoso.example', addedBy: 'u-admin', addedAt: 't' })).toEqual({
      action: 'organization.domain-added', target: { type: 'organization', id: 'o-1', name: 'Contoso' }, summary: 'Added the domain contoso.example',
    });
    expect(await describe_(ApprovalsEvents.budgetChanged.type, { organizationId: 'o-1', resellerId: 'r-1', costCentre: 'Sales', period: 'monthly', amount: '500.00', overBudget: 'refused', currency: 'EUR', changedBy: 'u-1', changedAt: 't' })).toMatchObject({
      action: 'budget.changed', target: { type: 'budget', id: 'o-1:Sales', name: 'Sales' }, summary: 'Set the budget of cost centre Sales to 500.00 EUR monthly, refusing orders over it',
    });
    expect(await describe_(ApprovalsEvents.outOfOfficeChanged.type, { organizationId: 'o-1', userId: 'u-1', from: '2026-12-20', to: '2027-01-04', delegateId: 'u-2', at: 't' })).toMatchObject({
      actorId: 'u-1', summary: 'Out of office from 2026-12-20 to 2027-01-04; Del Egate decides meanwhile',
    });
    expect(await describe_(IdentityEvents.passwordChanged.type, { userId: 'u-1', changedBy: 'u-admin', at: 't' })).toMatchObject({ action: 'user.password-changed', summary: 'Set the password of Quinn Tester' });
  });
});

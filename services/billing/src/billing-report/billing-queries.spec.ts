import { type ActorDto, dayFromDate } from '@broker/contracts';
import { projectionCollection } from '@broker/read-models';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { billingCollections, billingProjections, projectionList } from '../projections/billing-projections';
import type { OrganizationBillingDocument } from '../projections/organization-billing.projection';
import { BillingReader } from '../shared/billing-read-model';
import { queryResellerSummary } from '../reseller-summary/reseller-summary.query';
import { queryBillingReport } from './billing-report.query';

const R1 = '11111111-1111-4111-8111-111111111111';
const R2 = '22222222-2222-4222-8222-222222222222';
const TODAY = dayFromDate('2026-04-20');

const organization = (organizationId: string, resellerId: string, name: string, billingStartDate: string, quantity = 10): OrganizationBillingDocument => ({
  organizationId, resellerId, registered: true, name, nameChangedAt: null, createdAt: '2026-01-01T00:00:00Z', billingStartDate, billingStartDateChangedAt: null,
  subscriptions: [{
    subscriptionId: `s-${organizationId}`, productId: 'p-1', productName: 'Microsoft 365 E3', billingFrequency: 'monthly', currency: 'EUR',
    changes: [{ at: '2026-03-16T09:30:00Z', kind: 'activated', quantity, unitPrice: '10.50', unitCost: '8.00', billingFrequency: 'monthly', eventId: `e-${organizationId}`, transactionId: 't' }],
    holders: [{ at: '2026-03-16T10:00:00Z', revision: 1, userIds: ['u-anna'], eventId: `h-${organizationId}` }],
  }],
});

const actor = (role: ActorDto['role'], resellerId: string | null = R1, organizationId: string | null = null): ActorDto => ({ userId: 'u-1', role, resellerId, organizationId });

describe('billing queries', () => {
  let reader: BillingReader;

  beforeAll(async () => {
    const store = new InMemoryDocumentStore();
    for (const projection of projectionList(billingProjections(1))) await store.ensureCollection({ name: projectionCollection(projection), indexes: { ...(projection.indexes ?? {}) } });
    const c = billingCollections(1);
    await store.upsert(c.organizations, 'o-1', organization('o-1', R1, 'Contoso', '2026-03-20'));
    await store.upsert(c.organizations, 'o-2', organization('o-2', R1, 'Adatum', '2026-01-01', 2));
    await store.upsert(c.organizations, 'o-3', organization('o-3', R2, 'Fabrikam', '2026-01-01'));
    await store.upsert(c.organizations, 'o-4', organization('o-4', R1, 'Later Ltd', '2026-05-01'));
    await store.upsert(c.organizations, 'o-5', { ...organization('o-5', R1, 'Unregistered', '2026-01-01'), registered: false });
    await store.upsert(c.resellers, R1, { resellerId: R1, name: 'Northwind', currency: 'EUR' });
    await store.upsert(c.users, 'u-anna', { userId: 'u-anna', organizationId: 'o-1', resellerId: R1, username: 'anna@contoso.example' });
    reader = new BillingReader(store, c);
  });

  describe('report', () => {
    it('answers the current month by service by default, in the reseller currency, from the billing start date', async () => {
      const report = await queryBillingReport(reader, { actor: actor('org_billing_admin', R1, 'o-1'), organizationId: 'o-1' }, TODAY);
      expect(report).toEqual({
        organizationId: 'o-1', currency: 'EUR', from: '2026-04', to: '2026-04', effectiveFrom: '2026-04-01', effectiveTo: '2026-04-30', asOf: '2026-04-20', groupBy: 'service',
        lines: [{ month: '2026-04', productId: 'p-1', productName: 'Microsoft 365 E3', quantity: 10, amount: '105.00' }], total: '105.00',
      });
      const earlier = await queryBillingReport(reader, { actor: actor('reseller_admin'), organizationId: 'o-1', from: '2026-01', to: '2026-09', groupBy: 'user' }, TODAY);
      expect(earlier).toMatchObject({ effectiveFrom: '2026-03-20', effectiveTo: '2026-04-30', total: '145.65' });
      expect(earlier.lines).toEqual([
        { month: '2026-03', productId: 'p-1', productName: 'Microsoft 365 E3', userId: 'u-anna', userName: 'anna@contoso.example', quantity: 1, amount: '4.07' },
        { month: '2026-03', productId: 'p-1', productName: 'Microsoft 365 E3', userId: null, userName: null, quantity: 9, amount: '36.58' },
        { month: '2026-04', productId: 'p-1', productName: 'Microsoft 365 E3', userId: 'u-anna', userName: 'anna@contoso.example', quantity: 1, amount: '10.50' },
        { month: '2026-04', productId: 'p-1', productName: 'Microsoft 365 E3', userId: null, userName: null, quantity: 9, amount: '94.50' },
      ]);
    });

    it('answers not found for a missing, unregistered or foreign organization, and forbidden to org users', async () => {
      const cases: [ActorDto, string][] = [
        [actor('reseller_admin', R2), 'o-1'], [actor('org_admin', R1, 'o-2'), 'o-1'], [actor('org_admin', R2, 'o-1'), 'o-1'],
        [actor('reseller_admin'), 'o-9'], [actor('reseller_admin'), 'o-5'],
      ];
      for (const [who, org] of cases) await expect(queryBillingReport(reader, { actor: who, organizationId: org }, TODAY)).rejects.toMatchObject({ code: 'BILLING.NOT_FOUND' });
      await expect(queryBillingReport(reader, { actor: actor('org_user', R1, 'o-1'), organizationId: 'o-1' }, TODAY)).rejects.toMatchObject({ code: 'BILLING.FORBIDDEN' });
    });

    it('refuses a range that ends before it starts or covers more than 120 months', async () => {
      await expect(queryBillingReport(reader, { actor: actor('reseller_admin'), organizationId: 'o-1', from: '2026-04', to: '2026-03' }, TODAY)).rejects.toMatchObject({
        code: 'VALIDATION', details: { errors: [{ field: 'to', message: 'to must not be before from' }] },
      });
      await expect(queryBillingReport(reader, { actor: actor('reseller_admin'), organizationId: 'o-1', from: '2016-04', to: '2026-04' }, TODAY)).rejects.toMatchObject({ code: 'VALIDATION' });
      expect((await queryBillingReport(reader, { actor: actor('reseller_admin'), organizationId: 'o-1', from: '2016-05', to: '2026-04' }, TODAY)).total).toBe('145.65');
    });
  });

  describe('reseller summary', () => {
    it("sums the reseller's own organizations by name, leaving out those billed only later", async () => {
      const summary = await queryResellerSummary(reader, { actor: actor('reseller_admin'), month: '2026-03' }, TODAY);
      // Adatum: 2 seats x 10.50 x 16/31 = 10.84, cost 8.26; Contoso from the 20th: 40.65, cost 10 x 8 x 12/31 = 30.97
      expect(summary).toEqual({
        resellerId: R1, currency: 'EUR', month: '2026-03', asOf: '2026-04-20',
        items: [
          { organizationId: 'o-2', organizationName: 'Adatum', revenue: '10.84', cost: '8.26', margin: '2.58' },
          { organizationId: 'o-1', organizationName: 'Contoso', revenue: '40.65', cost: '30.97', margin: '9.68' },
        ],
        totals: { revenue: '51.49', cost: '39.23', margin: '12.26' },
      });
      expect((await queryResellerSummary(reader, { actor: actor('reseller_admin') }, TODAY)).month).toBe('2026-04');
      expect(await queryResellerSummary(reader, { actor: actor('reseller_admin'), month: '2026-05' }, TODAY)).toMatchObject({ items: [], totals: { revenue: '0.00' } });
    });

    it("answers not found for another reseller's summary and forbidden to everyone but reseller admins", async () => {
      await expect(queryResellerSummary(reader, { actor: actor('reseller_admin'), resellerId: R2 }, TODAY)).rejects.toMatchObject({ code: 'BILLING.NOT_FOUND' });
      expect((await queryResellerSummary(reader, { actor: actor('reseller_admin'), resellerId: R1 }, TODAY)).resellerId).toBe(R1);
      for (const role of ['org_admin', 'org_billing_admin', 'platform_admin'] as const) {
        await expect(queryResellerSummary(reader, { actor: actor(role, R1, 'o-1') }, TODAY)).rejects.toMatchObject({ code: 'BILLING.FORBIDDEN' });
      }
    });
  });
});

import { type ActorDto, dayFromDate } from '@broker/contracts';
import { projectionCollection } from '@broker/read-models';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { billingCollections, billingProjections, projectionList } from '../projections/billing-projections';
import type { OrganizationBillingDocument } from '../projections/organization-billing.projection';
import { BillingReader } from '../shared/billing-read-model';
import { queryResellerSummary } from '../reseller-summary/reseller-summary.query';
import { queryBillingReport } from './billing-report.query';

const JPY_RESELLER = '33333333-3333-4333-8333-333333333333';
const KWD_RESELLER = '44444444-4444-4444-8444-444444444444';
const TODAY = dayFromDate('2026-04-20');

/** 10 seats ordered on 2026-03-16 of a monthly product, at the reseller's price and cost. */
const organization = (organizationId: string, resellerId: string, currency: string, unitPrice: string, unitCost: string): OrganizationBillingDocument => ({
  organizationId, resellerId, registered: true, name: `Org ${currency}`, nameChangedAt: null, createdAt: '2026-01-01T00:00:00Z', billingStartDate: '2026-01-01', billingStartDateChangedAt: null,
  subscriptions: [{
    subscriptionId: `s-${organizationId}`, productId: 'p-1', productName: 'Cloud Backup', billingFrequency: 'monthly', currency,
    changes: [{ at: '2026-03-16T09:30:00Z', kind: 'activated', quantity: 10, unitPrice, unitCost, billingFrequency: 'monthly', eventId: `e-${organizationId}`, transactionId: 't' }],
    holders: [],
  }],
});
const admin = (resellerId: string): ActorDto => ({ userId: 'u-1', role: 'reseller_admin', resellerId, organizationId: null });

describe('billing queries in the reseller currency', () => {
  let reader: BillingReader;

  beforeAll(async () => {
    const store = new InMemoryDocumentStore();
    for (const projection of projectionList(billingProjections(1))) await store.ensureCollection({ name: projectionCollection(projection), indexes: { ...(projection.indexes ?? {}) } });
    const c = billingCollections(1);
    await store.upsert(c.organizations, 'o-jpy', organization('o-jpy', JPY_RESELLER, 'JPY', '1260', '1000'));
    await store.upsert(c.organizations, 'o-kwd', organization('o-kwd', KWD_RESELLER, 'KWD', '1.250', '0.975'));
    await store.upsert(c.resellers, JPY_RESELLER, { resellerId: JPY_RESELLER, name: 'Tokyo', currency: 'JPY' });
    await store.upsert(c.resellers, KWD_RESELLER, { resellerId: KWD_RESELLER, name: 'Kuwait', currency: 'KWD' });
    reader = new BillingReader(store, c);
  });

  it('writes report lines and totals with no decimals in JPY and three in KWD', async () => {
    const jpy = await queryBillingReport(reader, { actor: admin(JPY_RESELLER), organizationId: 'o-jpy', from: '2026-03', to: '2026-04' }, TODAY);
    expect([jpy.currency, jpy.lines.map((l) => l.amount), jpy.total]).toEqual(['JPY', ['6503', '12600'], '19103']);
    const kwd = await queryBillingReport(reader, { actor: admin(KWD_RESELLER), organizationId: 'o-kwd', from: '2026-03', to: '2026-04' }, TODAY);
    expect([kwd.currency, kwd.lines.map((l) => l.amount), kwd.total]).toEqual(['KWD', ['6.452', '12.500'], '18.952']);
  });

  it('writes the reseller summary in the same decimals, also an empty month', async () => {
    const jpy = await queryResellerSummary(reader, { actor: admin(JPY_RESELLER), month: '2026-03' }, TODAY);
    expect([jpy.currency, jpy.items.map((i) => [i.revenue, i.cost, i.margin]), jpy.totals]).toEqual(['JPY', [['6503', '5161', '1342']], { revenue: '6503', cost: '5161', margin: '1342' }]);
    const kwd = await queryResellerSummary(reader, { actor: admin(KWD_RESELLER), month: '2026-03' }, TODAY);
    expect([kwd.currency, kwd.totals]).toEqual(['KWD', { revenue: '6.452', cost: '5.032', margin: '1.420' }]);
    expect((await queryResellerSummary(reader, { actor: admin(KWD_RESELLER), month: '2026-05' }, TODAY)).totals).toEqual({ revenue: '0.000', cost: '0.000', margin: '0.000' });
  });
});

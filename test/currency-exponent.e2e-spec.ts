import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, createReseller, tag, type Org } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(300_000);

/**
 * Money follows the reseller's currency through every service: a JPY reseller (no decimals) and a KWD reseller
 * (three decimals) set prices, costs, an organization price and a dynamic approval limit; an organization admin orders
 * below the limit (approved by policy) and above it (approved by the reseller); the billing report, its CSV and the
 * reseller summary hold the amounts computed here, each line rounded half-up once to the currency's minor unit. More
 * decimals than the currency has answer 400 naming the field and the rule.
 */
interface Case {
  currency: string;
  /** Decimals of the currency, for the amounts this test computes itself. */
  exponent: number;
  product: { price: string | number; cost: string | number; price_: string; cost_: string };
  /** The organization price as sent and as answered, and in minor units. */
  storePrice: { sent: string; shown: string; minor: bigint };
  costMinor: bigint;
  limit: { sent: string; shown: string; zero: string };
  /** Annual values of 5 seats (below the limit) and 10 seats (above it) at the organization price, monthly. */
  annual: { below: string; above: string };
  tooPrecise: { price: string; limit: string; message: string };
}

const cases: Case[] = [
  {
    currency: 'JPY',
    exponent: 0,
    product: { price: '1260', cost: '1000.00', price_: '1260', cost_: '1000' },
    storePrice: { sent: '1200', shown: '1200', minor: 1200n },
    costMinor: 1000n,
    // 5 x 1200 x 12 = 72000 is at or below 100000; 10 x 1200 x 12 = 144000 is above.
    limit: { sent: '100000', shown: '100000', zero: '0' },
    annual: { below: '72000', above: '144000' },
    tooPrecise: { price: '1260.5', limit: '100000.5', message: 'must be an amount such as "1000" (JPY has no decimals: a whole number, as a string or a number)' },
  },
  {
    currency: 'KWD',
    exponent: 3,
    product: { price: 1.25, cost: '0.975', price_: '1.250', cost_: '0.975' },
    storePrice: { sent: '1.2', shown: '1.200', minor: 1200n },
    costMinor: 975n,
    // 5 x 1.200 x 12 = 72.000 is at or below 100.500; 10 x 1.200 x 12 = 144.000 is above.
    limit: { sent: '100.5', shown: '100.500', zero: '0.000' },
    annual: { below: '72.000', above: '144.000' },
    tooPrecise: { price: '1.2345', limit: '100.0005', message: 'must be an amount such as "1000.000" (KWD has three decimals: a decimal string with at most three decimals, or a number)' },
  },
];

/** Minor units as text with `exponent` decimals, written out here independently of the services. */
function text(minor: bigint, exponent: number): string {
  if (exponent === 0) return minor.toString();
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** The month `YYYY-MM` of an instant, and the days charged in it from the instant's UTC day to the month's end. */
function daysCharged(startedAt: string, month: string): { days: bigint; inMonth: bigint } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const inMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const start = new Date(startedAt);
  const startMonth = startedAt.slice(0, 7);
  const first = startMonth < month ? 1 : startMonth > month ? inMonth + 1 : start.getUTCDate();
  return { days: BigInt(inMonth - first + 1), inMonth: BigInt(inMonth) };
}

/** Half-up to an integer; amounts are never negative. */
const roundHalfUp = (numerator: bigint, denominator: bigint): bigint => (2n * numerator + denominator) / (2n * denominator);

describe('money follows the currency (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  let platformAdmin: ApiClient;

  const ok = <T = any>(response: ApiResponse<T>, status: number): T => {
    expect([response.status, response.body]).toEqual([status, expect.anything()]);
    return response.body;
  };
  const errorsOf = (response: ApiResponse) => {
    expect([response.status, response.headers.get('content-type')]).toEqual([400, expect.stringContaining('application/problem+json')]);
    return response.body.errors as { field: string; message: string }[];
  };

  beforeAll(async () => {
    await platform.start();
    platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
  });

  afterAll(async () => {
    await platform.stop();
  });

  describe.each(cases)('a $currency reseller', (c) => {
    let reseller: ApiClient;
    let org: Org;
    let orgAdmin: ApiClient;
    let fresh: Org;
    let productId: string;
    let productName: string;
    const settings = (dynamicApproval: Record<string, unknown>) => ({ notificationEmail: `it@${org.domain}`, approvalRequired: false, dynamicApproval, billingStartDate: '2020-01-01' });

    beforeAll(async () => {
      reseller = await createReseller(platformAdmin, anonymous(), c.currency);
      org = await createOrganization(reseller);
      orgAdmin = (await createOrganizationUser(reseller, anonymous(), org.id, org.domain, 'org_admin')).client;
    });

    it("answers a new organization's default limit, a product's price and cost, and the organization price with the currency's decimals", async () => {
      fresh = await createOrganization(reseller);
      expect(ok(await reseller.get(`/organizations/${fresh.id}/settings`), 200).dynamicApproval).toEqual({ enabled: false, annualLimit: c.limit.zero });

      productName = `Backup ${tag()}`;
      const created = ok(await reseller.post('/catalog/products', { name: productName, vendor: 'Contoso', sku: `BK-${tag()}`, description: 'Backup', billingFrequency: 'monthly', price: c.product.price, cost: c.product.cost }), 201);
      productId = created.id;
      expect(created).toMatchObject({ price: c.product.price_, cost: c.product.cost_, currency: c.currency });
      expect(ok(await reseller.get(`/catalog/products/${productId}`), 200)).toMatchObject({ price: c.product.price_, cost: c.product.cost_ });

      const store = ok(await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId, price: c.storePrice.sent }] }), 200);
      expect(store.items).toEqual([expect.objectContaining({ productId, price: c.storePrice.shown, currency: c.currency })]);
      expect(ok(await orgAdmin.get(`/organizations/${org.id}/store`), 200).items[0].price).toBe(c.storePrice.shown);
    });

    it('sets the dynamic approval limit with the currency decimals', async () => {
      const set = ok(await reseller.request('PUT', `/organizations/${org.id}/settings`, settings({ enabled: true, annualLimit: c.limit.sent })), 200);
      expect(set.dynamicApproval).toEqual({ enabled: true, annualLimit: c.limit.shown });
      expect(ok(await orgAdmin.get(`/organizations/${org.id}/settings`), 200).dynamicApproval).toEqual({ enabled: true, annualLimit: c.limit.shown });
    });

    it('refuses more decimals than the currency has with 400, naming each field and the rule, and changes nothing', async () => {
      const product = await reseller.post('/catalog/products', { name: 'Too precise', vendor: 'Contoso', sku: `TP-${tag()}`, description: 'x', billingFrequency: 'weekly', price: c.tooPrecise.price, cost: '-1' });
      expect(errorsOf(product).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
        { field: 'billingFrequency', message: expect.any(String) },
        { field: 'cost', message: 'cost must not be negative' },
        { field: 'price', message: `price ${c.tooPrecise.message}` },
      ]);
      expect(errorsOf(await reseller.request('PATCH', `/catalog/products/${productId}`, { cost: c.tooPrecise.price }))).toEqual([{ field: 'cost', message: `cost ${c.tooPrecise.message}` }]);
      expect(errorsOf(await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId, price: c.tooPrecise.price }] }))).toEqual([
        { field: 'products.0.price', message: `price ${c.tooPrecise.message}` },
      ]);
      expect(errorsOf(await reseller.request('PUT', `/organizations/${org.id}/settings`, settings({ enabled: true, annualLimit: c.tooPrecise.limit })))).toEqual([
        { field: 'dynamicApproval.annualLimit', message: `annualLimit ${c.tooPrecise.message}` },
      ]);
      expect(ok(await reseller.get(`/catalog/products/${productId}`), 200)).toMatchObject({ price: c.product.price_, cost: c.product.cost_ });
      expect(ok(await reseller.get(`/organizations/${org.id}/store`), 200).items[0].price).toBe(c.storePrice.shown);
      expect(ok(await reseller.get(`/organizations/${org.id}/settings`), 200).dynamicApproval.annualLimit).toBe(c.limit.shown);
    });

    it('orders below the limit (approved by policy) and above it (approved by the reseller); billing reports and sums them in the currency', async () => {
      const below = ok(await orgAdmin.post(`/organizations/${org.id}/orders`, { productId, quantity: 5 }), 201);
      expect(below).toMatchObject({ status: 'approved', annualValue: c.annual.below, currency: c.currency });
      const above = ok(await orgAdmin.post(`/organizations/${org.id}/orders`, { productId, quantity: 10 }), 201);
      expect(above).toMatchObject({ status: 'pending_approval', annualValue: c.annual.above, currency: c.currency });

      const pending = await eventually(async () => {
        const list = await reseller.get('/approvals?status=pending');
        return (list.body.items as any[] | undefined)?.find((item) => item.transactionId === above.transactionId);
      }, 20_000, 'the pending approval');
      expect(pending).toMatchObject({ annualValue: c.annual.above, currency: c.currency, quantity: 10 });
      const approved = ok(await reseller.post(`/approvals/${above.transactionId}/approve`, { comment: 'ok' }), 200);
      expect(approved).toMatchObject({ status: 'approved', unitPrice: c.storePrice.shown, annualValue: c.annual.above, currency: c.currency });

      const subscriptions = await eventually(async () => {
        const items = (await orgAdmin.get(`/organizations/${org.id}/subscriptions`)).body.items as any[] | undefined;
        return items && items.length === 2 && items.every((s) => s.status === 'active') ? items : undefined;
      }, 20_000, 'both subscriptions active');
      expect(subscriptions.map((s) => [s.quantity, s.price, s.currency]).sort()).toEqual([[10, c.storePrice.shown, c.currency], [5, c.storePrice.shown, c.currency]]);

      // Both subscriptions of the product make one line of the month, summed exactly and rounded half-up once.
      const month = subscriptions.map((s) => String(s.startedAt).slice(0, 7)).sort()[0]!;
      let sell = 0n;
      let cost = 0n;
      let denominator = 1n;
      for (const s of subscriptions) {
        const { days, inMonth } = daysCharged(s.startedAt, month);
        sell += BigInt(s.quantity) * c.storePrice.minor * days;
        cost += BigInt(s.quantity) * c.costMinor * days;
        denominator = inMonth;
      }
      const amount = text(roundHalfUp(sell, denominator), c.exponent);
      const costAmount = text(roundHalfUp(cost, denominator), c.exponent);
      const margin = text(roundHalfUp(sell, denominator) - roundHalfUp(cost, denominator), c.exponent);

      const report = await eventually(async () => {
        const response = await orgAdmin.get(`/organizations/${org.id}/billing/report?from=${month}&to=${month}&groupBy=service`);
        return response.status === 200 && response.body.total === amount ? response.body : undefined;
      }, 20_000, `the report total ${amount}`);
      expect(report).toMatchObject({ currency: c.currency, lines: [{ month, productId, productName, quantity: 15, amount }], total: amount });

      const csv = await orgAdmin.get(`/organizations/${org.id}/billing/report?from=${month}&to=${month}&groupBy=service`, { accept: 'text/csv' });
      expect((csv.body as string).split('\r\n').slice(1, 3)).toEqual([`${month},${productId},${productName},15,${amount},${c.currency}`, `total,,,,${amount},${c.currency}`]);

      const summary = ok(await reseller.get(`/billing/summary?month=${month}`), 200);
      expect(summary).toMatchObject({ currency: c.currency, month, totals: { revenue: amount, cost: costAmount, margin } });
      expect(summary.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ organizationId: org.id, revenue: amount, cost: costAmount, margin }),
        expect.objectContaining({ organizationId: fresh.id, revenue: c.limit.zero, cost: c.limit.zero, margin: c.limit.zero }),
      ]));
    });
  });
});

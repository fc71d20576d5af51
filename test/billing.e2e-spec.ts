import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { BillingRpc, type ActorDto } from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';
import { billingMonthOf, formatCents } from './support/expected-billing';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { PASSWORD, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';
import { TrustedRpcClient } from './support/trusted-rpc-client';

jest.setTimeout(300_000);

const root = resolve(__dirname, '..');

interface Product {
  id: string;
  name: string;
  billingFrequency: 'monthly' | 'annual';
  /** The organization's price and the reseller's cost. */
  price: string;
  cost: string;
}

/** What the test did to one subscription. */
interface Ordered {
  id: string;
  product: Product;
  transactionIds: string[];
}

/**
 * The expected figures are worked by hand from the rules (services/billing/README.md, Rules), not by billing's code.
 * Everything below is ordered, changed, assigned and cancelled on one UTC day, the organizations' billing start date,
 * so each line of the current month charges the same seats on each of its N days from that date to the month's end
 * (D days in the month): amount = full month x N / D, rounded half-up once per line.
 *   Alpha, Microsoft 365 E3 at 9.90: ordered 3, changed to 5 the same day (the last change of a day wins): 5 seats,
 *     full month 5 x 9.90 = 49.50; cost 5 x 8.00 = 40.00. Anna and Bert hold one seat each, 3 are unassigned.
 *   Alpha, Backup 1 TB, annual at 120.00: 2 seats, full month 2 x 120.00 / 12 = 20.00; cost 2 x 90.00 / 12 = 15.00.
 *   Alpha, Teams Phone: ordered 4 and cancelled the same day; a cancellation on D stops charges before D: no line.
 *   Beta, Microsoft 365 E3 at 10.50: 1 seat, full month 10.50; cost 8.00.
 *   After the rebuild, Alpha's E3 goes to 6 seats (the same day): full month 6 x 9.90 = 59.40.
 * Worked for 7 December 2026 (N = 25, D = 31; checked by the first test):
 *   E3 49.50 x 25 / 31 = 39.919... -> 39.92; Backup 20.00 x 25 / 31 = 16.129... -> 16.13; Alpha total 56.05;
 *   Alpha cost 40.00 x 25 / 31 = 32.258... -> 32.26 plus 15.00 x 25 / 31 = 12.096... -> 12.10 = 44.36, margin 11.69;
 *   Beta 10.50 x 25 / 31 = 8.467... -> 8.47, cost 8.00 x 25 / 31 = 6.451... -> 6.45, margin 2.02;
 *   E3 at 6 seats 59.40 x 25 / 31 = 47.903... -> 47.90, Alpha total then 64.03.
 */
const FULL_MONTH = { e3: 4950n, e3Cost: 4000n, backup: 2000n, backupCost: 1500n, beta: 1050n, betaCost: 800n, e3AtSix: 5940n };

/** Cents of `fullMonth` for `days` of a month of `daysInMonth` days, rounded half-up. */
const proRata = (fullMonth: bigint, days: number, daysInMonth: number): bigint =>
  (2n * fullMonth * BigInt(days) + BigInt(daysInMonth)) / (2n * BigInt(daysInMonth));

/** Whether `cents` is within a cent of `fullMonth` x days / daysInMonth (a user's part of a line, by largest remainder). */
const withinACent = (cents: bigint, fullMonth: bigint, days: number, daysInMonth: number): boolean => {
  const difference = cents * BigInt(daysInMonth) - fullMonth * BigInt(days);
  return (difference < 0n ? -difference : difference) < BigInt(daysInMonth);
};

const centsOf = (amount: string): bigint => {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const cents = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -cents : cents;
};

/**
 * Billing through the gateway with every service running: services ordered, changed, assigned and cancelled through
 * the HTTP API; the current month's report (JSON and CSV, by service and by user) and the reseller summary hold
 * exactly what the accrual rules give for the approval times the API reports. Then tenancy (404), roles (403),
 * billing details, and `billing:rebuild`: a new projection version replayed from the history, equal document for
 * document, switched over while the service keeps running, and the consistency check.
 */
describe('billing (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  let rpc: RpcClient;
  let platformAdmin: ApiClient;
  let platformAdminActor: ActorDto;
  let resellerA: ApiClient;
  let resellerAId: string;
  let resellerB: ApiClient;
  let orgA: { id: string; domain: string };
  let orgA2: { id: string; domain: string };
  let orgB: { id: string; domain: string };
  let adminA: ApiClient;
  let viewerA: ApiClient;
  let billingA: ApiClient;
  let userA: ApiClient;
  let adminA2: ApiClient;
  const users: Record<string, { id: string; username: string }> = {};
  const ordered: Ordered[] = [];
  const orderedA2: Ordered[] = [];
  let e3: Product;
  let backup: Product;
  let teams: Product;

  const ok = <T = any>(response: ApiResponse<T>, status: number): T => {
    expect([response.status, response.body]).toEqual([status, expect.anything()]);
    return response.body;
  };
  const put = (as: ApiClient, path: string, body: unknown) => as.request('PUT', path, body);

  const createReseller = async (currency: string): Promise<{ client: ApiClient; id: string }> => {
    const t = tag();
    const username = `rita@r${t}.example`;
    const created = ok(await platformAdmin.post('/resellers', {
      name: `Reseller ${t}`, currency, notificationEmail: `n@r${t}.example`, supportEmail: `s@r${t}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
    }), 201);
    return { client: await anonymous().login(username, PASSWORD), id: created.id };
  };
  const createOrganization = async (as: ApiClient, name: string) => {
    const domain = `o${tag()}.example`;
    const created = ok(await as.post('/organizations', { name, primaryDomain: domain, notificationEmail: `it@${domain}` }), 201);
    return { id: created.id as string, domain };
  };
  const createUser = async (org: { id: string; domain: string }, role: string) => {
    const username = `${role.replace(/_/g, '')}${tag()}@${org.domain}`;
    const created = ok(await resellerA.post(`/organizations/${org.id}/users`, { username, firstName: 'Nora', lastName: 'Newman', email: username, role, password: PASSWORD }), 201);
    return { id: created.id as string, username };
  };
  const createProduct = async (name: string, billingFrequency: 'monthly' | 'annual', price: string, cost: string): Promise<Product> => {
    const created = ok(await resellerA.post('/catalog/products', { name: `${name} ${tag()}`, vendor: 'Contoso', sku: `SKU-${tag()}`, description: name, billingFrequency, price, cost }), 201);
    return { id: created.id, name: created.name, billingFrequency, price, cost };
  };

  const subscriptionWhen = (orgId: string, subscriptionId: string, check: (s: any) => boolean, what: string) =>
    eventually(async () => {
      const list = await resellerA.get(`/organizations/${orgId}/subscriptions?limit=500`);
      const found = (list.body.items as any[] | undefined)?.find((s) => s.id === subscriptionId);
      return found && check(found) ? found : undefined;
    }, 20_000, what);

  const order = async (as: ApiClient, orgId: string, product: Product, quantity: number, into = ordered): Promise<Ordered> => {
    const receipt = ok(await as.post(`/organizations/${orgId}/orders`, { productId: product.id, quantity }), 201);
    expect(receipt.status).toBe('approved');
    await subscriptionWhen(orgId, receipt.subscriptionId, (s) => s.status === 'active', 'the ordered subscription');
    const entry: Ordered = { id: receipt.subscriptionId, product, transactionIds: [receipt.transactionId] };
    into.push(entry);
    return entry;
  };
  const change = async (orgId: string, subscription: Ordered, quantity: number) => {
    const receipt = ok(await adminA.post(`/organizations/${orgId}/subscriptions/${subscription.id}/changes`, { quantity }), 201);
    expect(receipt.status).toBe('approved');
    subscription.transactionIds.push(receipt.transactionId);
    await subscriptionWhen(orgId, subscription.id, (s) => s.quantity === quantity, 'the changed quantity');
  };
  const cancel = async (orgId: string, subscription: Ordered) => {
    const receipt = ok(await adminA.post(`/organizations/${orgId}/subscriptions/${subscription.id}/cancel`), 201);
    subscription.transactionIds.push(receipt.transactionId);
    await subscriptionWhen(orgId, subscription.id, (s) => s.status === 'cancelled', 'the cancellation');
  };
  const assign = async (orgId: string, subscription: Ordered, userIds: string[]) => {
    ok(await put(adminA, `/organizations/${orgId}/subscriptions/${subscription.id}/assignments`, { userIds }), 200);
  };

  /** The figures above hold only if every transaction was decided on the billing start date (a run across midnight UTC is not one). */
  const expectDecidedOn = async (orgId: string, subscriptions: Ordered[], day: string) => {
    const transactions = ok(await resellerA.get(`/organizations/${orgId}/transactions?limit=500`), 200).items as any[];
    const decidedAt = new Map(transactions.map((t) => [t.id, t.decidedAt as string]));
    const ids = subscriptions.flatMap((s) => s.transactionIds);
    expect(ids.map((id) => decidedAt.get(id)?.slice(0, 10))).toEqual(ids.map(() => day));
  };

  const report = (as: ApiClient, orgId: string, query: string, accept?: string) => as.get(`/organizations/${orgId}/billing/report?${query}`, accept ? { accept } : undefined);

  /** Polls until the report's total is the expected one (billing follows the other services' events). */
  const reportWhen = (orgId: string, query: string, total: string) =>
    eventually(async () => {
      const response = await report(resellerA, orgId, query);
      return response.status === 200 && response.body.total === total ? response.body : undefined;
    }, 30_000, `the billing report to total ${total}`);

  let month: string;
  let billingStartDate: string;
  /** N and D of the comment above. */
  let days: number;
  let daysInMonth: number;
  const amount = (fullMonth: bigint) => formatCents(proRata(fullMonth, days, daysInMonth));

  beforeAll(async () => {
    await platform.start();
    rpc = new TrustedRpcClient({ deployment: platform.deployment, servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', timeoutMs: 15_000 }, platform.actorAssertionKey);
    const login = await anonymous().post('/auth/login', { username: platform.adminUsername, password: platform.adminPassword });
    platformAdmin = anonymous().as(login.body.accessToken);
    platformAdminActor = { userId: login.body.user.id, role: 'platform_admin', resellerId: null, organizationId: null };
    const a = await createReseller('EUR');
    resellerA = a.client;
    resellerAId = a.id;
    resellerB = (await createReseller('SEK')).client;
    orgA = await createOrganization(resellerA, `Alpha ${tag()}`);
    orgA2 = await createOrganization(resellerA, `Beta ${tag()}`);
    orgB = await createOrganization(resellerB, `Gamma ${tag()}`);
    const login2 = async (u: { username: string }) => anonymous().login(u.username, PASSWORD);
    adminA = await login2(await createUser(orgA, 'org_admin'));
    viewerA = await login2(await createUser(orgA, 'org_viewer'));
    billingA = await login2(await createUser(orgA, 'org_billing_admin'));
    userA = await login2(await createUser(orgA, 'org_user'));
    users.anna = await createUser(orgA, 'org_user');
    users.bert = await createUser(orgA, 'org_user');
    adminA2 = await login2(await createUser(orgA2, 'org_admin'));

    e3 = await createProduct('Microsoft 365 E3', 'monthly', '10.50', '8.00');
    backup = await createProduct('Backup 1 TB', 'annual', '120.00', '90.00');
    teams = await createProduct('Teams Phone', 'monthly', '4.00', '3.00');
    ok(await put(resellerA, `/organizations/${orgA.id}/store`, { products: [{ productId: e3.id, price: '9.90' }, { productId: backup.id }, { productId: teams.id }] }), 200);
    ok(await put(resellerA, `/organizations/${orgA2.id}/store`, { products: [{ productId: e3.id }] }), 200);
    e3 = { ...e3, price: '9.90' };

    // Order, change, assign and cancel through the API (every transaction approved by policy or by reseller staff).
    const office = await order(adminA, orgA.id, e3, 3);
    await change(orgA.id, office, 5);
    await assign(orgA.id, office, [users.anna!.id, users.bert!.id]);
    await order(resellerA, orgA.id, backup, 2);
    const phones = await order(adminA, orgA.id, teams, 4);
    await cancel(orgA.id, phones);
    await order(adminA2, orgA2.id, { ...e3, price: '10.50' }, 1, orderedA2);
    billingStartDate = ok(await resellerA.get(`/organizations/${orgA.id}/settings`), 200).billingStartDate;
  });

  afterAll(async () => {
    await rpc?.close();
    await platform.stop();
  });

  describe('the current month', () => {
    let byService: any;

    beforeAll(async () => {
      const probe = await eventually(async () => {
        const response = await report(resellerA, orgA.id, 'groupBy=service');
        return response.status === 200 ? response.body : undefined;
      }, 30_000, 'the organization to reach billing');
      month = probe.to;
      // The organization was created today: its billing start date is today, and so is every approval.
      expect(billingStartDate.slice(0, 7)).toBe(month);
      await expectDecidedOn(orgA.id, ordered, billingStartDate);
      daysInMonth = billingMonthOf(Date.parse(`${month}-01T00:00:00Z`)).daysInMonth;
      days = daysInMonth - Number(billingStartDate.slice(8, 10)) + 1;
      byService = await reportWhen(orgA.id, `from=${month}&to=${month}&groupBy=service`, formatCents(proRata(FULL_MONTH.e3, days, daysInMonth) + proRata(FULL_MONTH.backup, days, daysInMonth)));
    });

    it('works the figures of the comment above with the arithmetic the expectations use', () => {
      expect([FULL_MONTH.e3, FULL_MONTH.backup, FULL_MONTH.e3Cost, FULL_MONTH.backupCost, FULL_MONTH.beta, FULL_MONTH.betaCost, FULL_MONTH.e3AtSix].map((c) => formatCents(proRata(c, 25, 31))))
        .toEqual(['39.92', '16.13', '32.26', '12.10', '8.47', '6.45', '47.90']);
      expect(centsOf('56.05')).toBe(proRata(FULL_MONTH.e3, 25, 31) + proRata(FULL_MONTH.backup, 25, 31));
      expect(billingMonthOf(Date.parse('2026-12-07T00:00:00Z')).daysInMonth).toBe(31);
    });

    it('reports each product of the month exactly as the rules give it for today, by service', () => {
      expect(byService).toEqual({
        organizationId: orgA.id, currency: 'EUR', from: month, to: month, groupBy: 'service', asOf: expect.any(String),
        effectiveFrom: billingStartDate, effectiveTo: `${month}-${daysInMonth}`,
        // Two products charge this month; the subscription cancelled the day it was ordered charges nothing.
        lines: expect.arrayContaining([
          { month, productId: e3.id, productName: e3.name, quantity: 5, amount: amount(FULL_MONTH.e3) },
          { month, productId: backup.id, productName: backup.name, quantity: 2, amount: amount(FULL_MONTH.backup) },
        ]),
        total: formatCents(proRata(FULL_MONTH.e3, days, daysInMonth) + proRata(FULL_MONTH.backup, days, daysInMonth)),
      });
      expect(byService.lines).toHaveLength(2);
      expect(Number(byService.total)).toBeGreaterThan(0);
    });

    it('splits the same total per user: one line per assigned seat holder and one for the unassigned seats', async () => {
      const byUser = ok(await report(adminA, orgA.id, `from=${month}&to=${month}&groupBy=user`), 200);
      const office = byUser.lines.filter((l: any) => l.productId === e3.id);
      expect(office.map((l: any) => [l.month, l.productName, l.userId, l.userName, l.quantity])).toEqual(expect.arrayContaining([
        [month, e3.name, users.anna!.id, users.anna!.username, 1],
        [month, e3.name, users.bert!.id, users.bert!.username, 1],
        [month, e3.name, null, null, 3],
      ]));
      expect(office).toHaveLength(3);
      expect(office.at(-1).userId).toBeNull();
      // The line's rounded amount split by largest remainder: each part within a cent of its exact share
      // (one seat: 49.50 / 5 = 9.90 a full month; the three unassigned: 29.70), and the parts add up to the line.
      const part = (userId: string | null) => centsOf(office.find((l: any) => l.userId === userId).amount);
      expect(withinACent(part(users.anna!.id), 990n, days, daysInMonth)).toBe(true);
      expect(withinACent(part(users.bert!.id), 990n, days, daysInMonth)).toBe(true);
      expect(withinACent(part(null), 2970n, days, daysInMonth)).toBe(true);
      expect(part(users.anna!.id) + part(users.bert!.id) + part(null)).toBe(proRata(FULL_MONTH.e3, days, daysInMonth));
      // Nobody holds a backup seat: one unassigned line.
      expect(byUser.lines.filter((l: any) => l.productId === backup.id)).toEqual([
        { month, productId: backup.id, productName: backup.name, userId: null, userName: null, quantity: 2, amount: amount(FULL_MONTH.backup) },
      ]);
      expect(byUser.lines).toHaveLength(4);
      expect(byUser.total).toBe(byService.total);
    });

    it('gives the same lines and total as CSV', async () => {
      for (const groupBy of ['service', 'user']) {
        const json = ok(await report(viewerA, orgA.id, `from=${month}&to=${month}&groupBy=${groupBy}`), 200);
        const csv = await report(viewerA, orgA.id, `from=${month}&to=${month}&groupBy=${groupBy}`, 'text/csv');
        expect([csv.status, csv.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/csv')]);
        const rows = (csv.body as string).trim().split('\r\n').map((r) => r.split(','));
        const header = rows[0]!;
        expect(header).toEqual(['month', 'productId', 'productName', ...(groupBy === 'user' ? ['userId', 'userName'] : []), 'quantity', 'amount', 'currency']);
        const cell = (row: string[], name: string) => row[header.indexOf(name)];
        expect(rows.slice(1, -1).map((r) => [cell(r, 'month'), cell(r, 'productId'), cell(r, 'productName'), ...(groupBy === 'user' ? [cell(r, 'userId')] : []), Number(cell(r, 'quantity')), cell(r, 'amount'), cell(r, 'currency')])).toEqual(
          json.lines.map((l: any) => [l.month, l.productId, l.productName, ...(groupBy === 'user' ? [l.userId ?? 'unassigned'] : []), l.quantity, l.amount, 'EUR']),
        );
        expect([cell(rows.at(-1)!, 'month'), cell(rows.at(-1)!, 'amount')]).toEqual(['total', json.total]);
      }
    });

    it('shows reseller staff and every billing reader of the organization the same report', async () => {
      for (const reader of [adminA, viewerA, billingA]) expect(ok(await report(reader, orgA.id, `from=${month}&to=${month}`), 200)).toEqual(byService);
    });

    it('answers a report asked from an earlier month from the billing start date, and leaves later months out', async () => {
      const previous = month.endsWith('-01') ? `${Number(month.slice(0, 4)) - 1}-12` : `${month.slice(0, 5)}${String(Number(month.slice(5)) - 1).padStart(2, '0')}`;
      const next = month.endsWith('-12') ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, '0')}`;
      const wide = ok(await report(resellerA, orgA.id, `from=${previous}&to=${next}`), 200);
      // The organization was created today: its billing start date is today, so nothing of last month exists.
      expect(billingStartDate.slice(0, 7)).toBe(month);
      expect(wide).toMatchObject({ from: previous, to: next, effectiveFrom: billingStartDate, effectiveTo: byService.effectiveTo, total: byService.total });
      expect(wide.lines).toEqual(byService.lines);
      const bad = await report(resellerA, orgA.id, `from=${next}&to=${month}`);
      expect([bad.status, bad.body.errors]).toEqual([400, [{ field: 'to', message: 'to must not be before from' }]]);
      expect((await report(resellerA, orgA.id, 'from=2026-13')).status).toBe(400);
    });

    it('sums revenue, cost and margin per organization in the reseller summary', async () => {
      // Beta was created right after Alpha, on the same day: the same N days of the month.
      expect(ok(await resellerA.get(`/organizations/${orgA2.id}/settings`), 200).billingStartDate).toBe(billingStartDate);
      await expectDecidedOn(orgA2.id, orderedA2, billingStartDate);
      const part = (fullMonth: bigint) => proRata(fullMonth, days, daysInMonth);
      const a = { revenueCents: part(FULL_MONTH.e3) + part(FULL_MONTH.backup), costCents: part(FULL_MONTH.e3Cost) + part(FULL_MONTH.backupCost) };
      const a2 = { revenueCents: part(FULL_MONTH.beta), costCents: part(FULL_MONTH.betaCost) };
      const summary = await eventually(async () => {
        const response = await resellerA.get(`/billing/summary?month=${month}`);
        const item = (response.body.items as any[] | undefined)?.find((i) => i.organizationId === orgA2.id);
        return item && item.revenue === formatCents(a2.revenueCents) ? response.body : undefined;
      }, 30_000, 'the summary to include the second organization');
      const amounts = (t: { revenueCents: bigint; costCents: bigint }) => ({ revenue: formatCents(t.revenueCents), cost: formatCents(t.costCents), margin: formatCents(t.revenueCents - t.costCents) });
      expect(summary).toEqual({
        resellerId: resellerAId, currency: 'EUR', month, asOf: expect.any(String),
        items: [
          { organizationId: orgA.id, organizationName: expect.stringMatching(/^Alpha /), ...amounts(a) },
          { organizationId: orgA2.id, organizationName: expect.stringMatching(/^Beta /), ...amounts(a2) },
        ],
        totals: amounts({ revenueCents: a.revenueCents + a2.revenueCents, costCents: a.costCents + a2.costCents }),
      });
      expect(summary.items[0].revenue).toBe(byService.total);
      expect(ok(await resellerA.get('/billing/summary'), 200).month).toBe(month);
    });
  });

  describe('tenancy and roles', () => {
    it("answers 404 for another reseller's or another organization's report, details and summary", async () => {
      for (const [who, org] of [[resellerB, orgA], [adminA2, orgA], [adminA, orgA2], [resellerA, orgB]] as const) {
        expect((await report(who, org.id, 'groupBy=user')).status).toBe(404);
        expect((await who.get(`/organizations/${org.id}/billing/details`)).status).toBe(404);
        expect((await put(who, `/organizations/${org.id}/billing/details`, { billingContactName: 'X', billingEmail: 'x@x.example', invoiceAddress: 'X' })).status).toBe(404);
      }
      expect((await report(resellerA, randomUUID(), '')).status).toBe(404);
      expect((await resellerB.get(`/billing/summary?resellerId=${resellerAId}`)).status).toBe(404);
      const summaryB = ok(await resellerB.get('/billing/summary'), 200);
      expect(summaryB.items.map((i: any) => i.organizationId)).not.toContain(orgA.id);
    });

    it('lets only the roles of the contract in (403 for the others)', async () => {
      expect((await report(userA, orgA.id, '')).status).toBe(403);
      // The platform admin reads for support (recorded, ADR 0023) and writes nothing.
      expect((await report(platformAdmin, orgA.id, '')).status).toBe(200);
      expect((await put(platformAdmin, `/organizations/${orgA.id}/billing/details`, { billingContactName: 'X', billingEmail: 'x@x.example', invoiceAddress: 'X' })).status).toBe(403);
      expect((await userA.get(`/organizations/${orgA.id}/billing/details`)).status).toBe(403);
      expect((await put(viewerA, `/organizations/${orgA.id}/billing/details`, { billingContactName: 'X', billingEmail: 'x@x.example', invoiceAddress: 'X' })).status).toBe(403);
      expect((await adminA.get('/billing/summary')).status).toBe(403);
      expect((await billingA.get('/billing/summary')).status).toBe(403);
    });
  });

  describe('billing details', () => {
    it('are empty until set; an org billing admin sets them and a GET right after sees them', async () => {
      expect(ok(await viewerA.get(`/organizations/${orgA.id}/billing/details`), 200)).toEqual({
        organizationId: orgA.id, billingContactName: null, billingEmail: null, purchaseOrderReference: null, invoiceAddress: null, updatedAt: null, updatedBy: null,
      });
      const body = { billingContactName: 'Bea Billing', billingEmail: 'billing@alpha.example', purchaseOrderReference: 'PO-4711', invoiceAddress: 'Alpha Ltd\nMain Street 1\n12345 Springfield' };
      const saved = ok(await put(billingA, `/organizations/${orgA.id}/billing/details`, body), 200);
      expect(saved).toEqual({ organizationId: orgA.id, ...body, updatedAt: expect.any(String), updatedBy: expect.any(String) });
      expect(ok(await viewerA.get(`/organizations/${orgA.id}/billing/details`), 200)).toEqual(saved);
      const cleared = ok(await put(resellerA, `/organizations/${orgA.id}/billing/details`, { ...body, purchaseOrderReference: null }), 200);
      expect(cleared.purchaseOrderReference).toBeNull();
    });

    it('refuses invalid details with 400 naming the fields', async () => {
      const invalid = await put(adminA, `/organizations/${orgA.id}/billing/details`, { billingContactName: ' ', billingEmail: 'nope', invoiceAddress: '' });
      expect(invalid.status).toBe(400);
      expect((invalid.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['billingContactName', 'billingEmail', 'invoiceAddress']);
      expect((await put(adminA, `/organizations/${orgA.id}/billing/details`, { billingContactName: 'X', billingEmail: 'x@x.example', invoiceAddress: 'X', colour: 'blue' })).status).toBe(400);
    });
  });

  describe('rebuild and consistency', () => {
    const runTool = (args: string[]) =>
      new Promise<{ code: number | null; output: string }>((done) => {
        const child = spawn(process.execPath, [join(root, 'dist/services/billing/src/tools/rebuild-projections.js'), ...args], {
          env: { ...process.env, DEPLOYMENT_NAME: platform.deployment, DATABASE_URL: platform.databaseUrl },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
        child.on('exit', (code) => {
          clearTimeout(timer);
          done({ code, output });
        });
      });

    const documents = async (collection: string): Promise<[string, unknown][]> => {
      const db = new Client({ connectionString: platform.databaseUrl });
      await db.connect();
      try {
        const rows = await db.query<{ id: string; data: unknown }>(`SELECT id, data FROM "${platform.names.schema('billing')}".rm_documents WHERE collection = $1 ORDER BY id COLLATE "C"`, [collection]);
        return rows.rows.map((r) => [r.id, r.data]);
      } finally {
        await db.end();
      }
    };

    it('replays the history into v2 with progress, equal to v1 document for document, and switches the running service over', async () => {
      const before = ok(await report(resellerA, orgA.id, `from=${month}&to=${month}&groupBy=user`), 200);
      const { code, output } = await runTool([]);
      expect([code, output]).toEqual([0, expect.stringContaining('Switched billing reports from v1 to v2')]);
      expect(output).toMatch(/\[billing:rebuild\] v2: [\d,]+ of about [\d,]+ events .* events\/s/);
      expect(output).toContain('all consistent with their event history');
      for (const name of ['billing_organizations', 'billing_resellers', 'billing_users']) {
        // Nothing was written meanwhile, so v1 (stopped by the service once it saw the switch) and v2 hold the same history.
        const [v1, v2] = await eventually(async () => {
          const pair = [await documents(`${name}_v1`), await documents(`${name}_v2`)] as const;
          return JSON.stringify(pair[0]) === JSON.stringify(pair[1]) ? pair : undefined;
        }, 5_000, `${name} v2 to equal v1`).catch(async () => [await documents(`${name}_v1`), await documents(`${name}_v2`)] as const);
        expect(v2.length).toBeGreaterThan(0);
        expect(v2).toEqual(v1);
      }
      expect(ok(await report(resellerA, orgA.id, `from=${month}&to=${month}&groupBy=user`), 200)).toEqual(before);

      // The service now keeps v2 up to date: a change after the switch reaches the report.
      const office = ordered[0]!;
      await change(orgA.id, office, 6);
      await expectDecidedOn(orgA.id, ordered, billingStartDate);
      const total = formatCents(proRata(FULL_MONTH.e3AtSix, days, daysInMonth) + proRata(FULL_MONTH.backup, days, daysInMonth));
      expect(total).not.toBe(before.total);
      expect((await reportWhen(orgA.id, `from=${month}&to=${month}`, total)).total).toBe(total);
    });

    it('recomputes an organization from its history and finds it consistent (command and RPC)', async () => {
      const { code, output } = await runTool(['--check', orgA.id, orgA2.id]);
      expect([code, output]).toEqual([0, expect.stringContaining('Consistency check of v2: 2 organizations, all consistent')]);
      const checked = await rpc.call(BillingRpc.checkConsistency, { actor: platformAdminActor, organizationId: orgA.id });
      expect(checked).toMatchObject({ organizationId: orgA.id, version: 2, consistent: true, months: [{ month, consistent: true }] });
      expect(checked.eventsCompared).toBeGreaterThan(5);
      const foreign = { userId: randomUUID(), role: 'reseller_admin' as const, resellerId: randomUUID(), organizationId: null };
      await expect(rpc.call(BillingRpc.checkConsistency, { actor: foreign, organizationId: orgA.id })).rejects.toBeInstanceOf(RpcCallError);
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';
import { SmtpReceiver, type ReceivedMail } from './support/smtp-receiver';

jest.setTimeout(300_000);

interface Budgeted {
  id: string;
  admin: ApiClient;
  billingAdmin: { id: string; email: string; client: ApiClient };
}

interface BudgetLine {
  costCentre: string | null;
  amount: string;
  committedSpend: string;
  percentUsed: number;
  overBudget: string;
  currentPeriod: { key: string };
  noticesSent: number[];
}

/**
 * Budgets through the HTTP API with every service its own process and a real SMTP receiver. Committed spend depends
 * on the day (a subscription counts from today to the period's end), so the boundary is found by observation, not
 * computed here: an order is placed in one organization, its committed spend read back, and the same order placed in
 * twin organizations whose budget is exactly that spend, or one cent less. The budget notices are chased by the
 * approvals' clock, moved through a file into the next month to show they go once per period.
 */
describe('budgets (end to end)', () => {
  const smtp = new SmtpReceiver();
  const clockDir = mkdtempSync(join(tmpdir(), 'budgets-clock-'));
  const clockFile = join(clockDir, 'offset-ms');
  let platform: PlatformProcess;
  let anonymous: ApiClient;
  let reseller: ApiClient;
  let otherReseller: ApiClient;
  let productId: string;

  const budgetsOf = async (client: ApiClient, organizationId: string): Promise<BudgetLine[]> => {
    const answer = await client.get(`/organizations/${organizationId}/budgets`);
    expect(answer.status).toBe(200);
    return answer.body.budgets as BudgetLine[];
  };
  const setBudget = (client: ApiClient, organizationId: string, amount: string, overBudget: 'needs_approval' | 'refused', costCentre?: string): Promise<ApiResponse> =>
    client.request('PUT', `/organizations/${organizationId}/budgets/${costCentre === undefined ? 'organization' : `cost-centres/${encodeURIComponent(costCentre)}`}`, { period: 'monthly', amount, overBudget });
  const order = (org: Budgeted, quantity: number, costCentre?: string): Promise<ApiResponse> =>
    org.admin.post(`/organizations/${org.id}/orders`, { productId, quantity, ...(costCentre === undefined ? {} : { costCentre }) });
  /** Committed spend once the approved orders count (the spend is a read model: it follows the approval by a moment). */
  const spendReaches = (org: Budgeted, costCentre: string | null, positive = true): Promise<BudgetLine> =>
    eventually(async () => {
      const line = (await budgetsOf(org.admin, org.id)).find((b) => b.costCentre === costCentre);
      return line && (!positive || line.committedSpend !== '0.00') ? line : undefined;
    }, 20_000, 'committed spend counted');
  const budgetMails = (address: string, threshold: number): ReceivedMail[] =>
    smtp.messages.filter((m) => m.envelopeTo.includes(address) && m.subject.includes(`${threshold} %`));
  /** Several looks of the notices (every 200 ms) after the one that acted: time for a second e-mail, were one coming. */
  const severalLooks = () => new Promise((resolve) => setTimeout(resolve, 2_000));

  const newOrganization = async (): Promise<Budgeted> => {
    const { id, domain } = await createOrganization(reseller, `budgets${tag()}.example`);
    expect((await reseller.request('PUT', `/organizations/${id}/store`, { products: [{ productId }] })).status).toBe(200);
    const admin = (await createOrganizationUser(reseller, anonymous, id, domain, 'org_admin')).client;
    const billing = await createOrganizationUser(reseller, anonymous, id, domain, 'org_billing_admin');
    const email = (await reseller.get(`/organizations/${id}/users/${billing.id}`)).body.email as string;
    return { id, admin, billingAdmin: { id: billing.id, email, client: billing.client } };
  };

  beforeAll(async () => {
    writeFileSync(clockFile, '0');
    await smtp.start();
    platform = new PlatformProcess({
      smtp: { url: smtp.url },
      env: { NOTIFY_POLL_MS: '100', APPROVAL_TIMERS_INTERVAL_MS: '200', APPROVALS_CLOCK_OFFSET_FILE: clockFile },
    });
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    reseller = await anonymous.login((await registerReseller(platformAdmin, 'budgets')).username, PASSWORD);
    otherReseller = await anonymous.login((await registerReseller(platformAdmin, 'others')).username, PASSWORD);
    const t = tag();
    const product = await reseller.post('/catalog/products', {
      name: `Budgeted seats ${t}`,
      vendor: 'Contoso Software',
      sku: `SKU-${t}`,
      description: 'A product for the budget tests',
      billingFrequency: 'monthly',
      price: '31.17',
      cost: '1.00',
    });
    expect(product.status).toBe(201);
    productId = product.body.id;
  });

  afterAll(async () => {
    await platform?.stop();
    await smtp.stop();
    rmSync(clockDir, { recursive: true, force: true });
  });

  it("lets the organization's admins and billing admins set budgets, its readers read them, and refuses the others", async () => {
    const org = await newOrganization();
    const { domain } = { domain: (await reseller.get(`/organizations/${org.id}`)).body.primaryDomain as string };
    const viewer = await createOrganizationUser(reseller, anonymous, org.id, domain, 'org_viewer');
    const user = await createOrganizationUser(reseller, anonymous, org.id, domain, 'org_user');
    expect(await budgetsOf(org.admin, org.id)).toEqual([]);

    const set = await setBudget(org.billingAdmin.client, org.id, '1000', 'refused');
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ organizationId: org.id, currency: 'EUR', budgets: [{ costCentre: null, period: 'monthly', amount: '1000.00', overBudget: 'refused', committedSpend: '0.00', percentUsed: 0, noticesSent: [], setBy: org.billingAdmin.id }] });
    expect((await setBudget(org.admin, org.id, '250.5', 'needs_approval', 'Sales & Marketing')).status).toBe(200);
    expect((await budgetsOf(viewer.client, org.id)).map((b) => [b.costCentre, b.amount, b.overBudget])).toEqual([
      [null, '1000.00', 'refused'],
      ['Sales & Marketing', '250.50', 'needs_approval'],
    ]);
    expect((await reseller.get(`/organizations/${org.id}/budgets`)).status).toBe(200);

    expect((await setBudget(viewer.client, org.id, '10', 'refused')).status).toBe(403);
    expect((await user.client.get(`/organizations/${org.id}/budgets`)).status).toBe(403);
    expect((await otherReseller.get(`/organizations/${org.id}/budgets`)).status).toBe(404);
    // A reseller admin sets no budget, of its own organizations or another's.
    expect((await setBudget(reseller, org.id, '10', 'refused')).status).toBe(403);

    // Bad input names each field and changes nothing.
    const bad = await org.admin.request('PUT', `/organizations/${org.id}/budgets/organization`, { period: 'weekly', amount: '10.001', overBudget: 'maybe' });
    expect([bad.status, (bad.body.errors as { field: string }[]).map((e) => e.field).sort()]).toEqual([400, ['amount', 'overBudget', 'period']]);
    expect((await setBudget(org.admin, org.id, '0', 'refused')).status).toBe(400);
    expect((await setBudget(org.admin, org.id, '10', 'refused', 'x'.repeat(101))).status).toBe(400);

    const removed = await org.admin.request('DELETE', `/organizations/${org.id}/budgets/cost-centres/${encodeURIComponent('Sales & Marketing')}`);
    expect([removed.status, removed.body.budgets.map((b: BudgetLine) => b.costCentre)]).toEqual([200, [null]]);
    expect((await budgetsOf(org.admin, org.id)).map((b) => b.amount)).toEqual(['1000.00']);
  });

  describe('an order at the exact boundary of a budget', () => {
    let exactSpend: string;
    let centBelow: string;
    let reference: Budgeted;

    beforeAll(async () => {
      // What two seats ordered today commit for this month, read back from a reference organization.
      reference = await newOrganization();
      expect((await setBudget(reference.admin, reference.id, '1000000', 'refused')).status).toBe(200);
      expect((await order(reference, 2)).body.status).toBe('approved');
      exactSpend = (await spendReaches(reference, null)).committedSpend;
      const cents = Math.round(Number(exactSpend) * 100) - 1;
      centBelow = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    });

    it('approves the order that takes committed spend exactly to the budget, as the policy says', async () => {
      const org = await newOrganization();
      expect((await setBudget(org.admin, org.id, exactSpend, 'refused')).status).toBe(200);
      const placed = await order(org, 2);
      expect([placed.status, placed.body.status]).toEqual([201, 'approved']);
      expect(await spendReaches(org, null)).toMatchObject({ amount: exactSpend, committedSpend: exactSpend, percentUsed: 100 });
      // Any more is over it: refused, and nothing recorded.
      const more = await order(org, 1);
      expect([more.status, more.body.code]).toEqual([422, 'BUDGET.EXCEEDED']);
      const list = await org.admin.get(`/organizations/${org.id}/transactions`);
      expect(list.body.items).toHaveLength(1);
    });

    it('refuses the same order one cent over a budget that refuses; routes it to approval under one that asks for approval', async () => {
      const org = await newOrganization();
      expect((await setBudget(org.admin, org.id, centBelow, 'refused')).status).toBe(200);
      const refused = await order(org, 2);
      expect([refused.status, refused.body.code]).toEqual([422, 'BUDGET.EXCEEDED']);
      expect(refused.body.detail ?? refused.body.message).toMatch(/budget/);

      expect((await setBudget(org.admin, org.id, centBelow, 'needs_approval')).status).toBe(200);
      const routed = await order(org, 2);
      // Without a budget the organization's policy approves at once (as in the reference organization).
      expect([routed.status, routed.body.status]).toEqual([201, 'pending_approval']);
      const history = await org.admin.get(`/organizations/${org.id}/transactions/${routed.body.transactionId}/history`);
      expect(history.body.items[0]).toMatchObject({ type: 'requested', overBudget: [{ costCentre: null, periodKey: expect.any(String), budget: centBelow, committedSpend: exactSpend }] });
      // The reseller decides it as any request waiting for approval.
      expect((await reseller.post(`/approvals/${routed.body.transactionId}/approve`, {})).status).toBe(200);
    });

    it("holds a cost centre's orders to its budget, and leaves other orders to the organization's", async () => {
      const org = await newOrganization();
      expect((await setBudget(org.admin, org.id, centBelow, 'refused', 'Research')).status).toBe(200);
      expect((await order(org, 2, 'Research')).status).toBe(422);
      expect((await order(org, 2, 'Sales')).body.status).toBe('approved');
      expect((await order(org, 2)).body.status).toBe('approved');
      expect(await spendReaches(org, 'Research', false)).toMatchObject({ committedSpend: '0.00' });
      // An order for the cost centre within its budget counts towards it.
      expect((await setBudget(org.admin, org.id, exactSpend, 'refused', 'Research')).status).toBe(200);
      expect((await order(org, 2, 'Research')).body.status).toBe('approved');
      expect(await spendReaches(org, 'Research')).toMatchObject({ committedSpend: exactSpend, percentUsed: 100 });
    });
  });

  it('e-mails the billing admins at 80 % and at 100 % of the budget once each per period, and again in the next period', async () => {
    const org = await newOrganization();
    expect((await order(org, 2)).body.status).toBe('approved');
    expect((await setBudget(org.admin, org.id, '1000000', 'needs_approval')).status).toBe(200);
    const spend = Math.round(Number((await spendReaches(org, null)).committedSpend) * 100);
    const address = org.billingAdmin.email;

    // 90 % of the budget: the 80 % notice only.
    const ninetyPercent = Math.ceil((spend * 100) / 90);
    expect((await setBudget(org.admin, org.id, (ninetyPercent / 100).toFixed(2), 'needs_approval')).status).toBe(200);
    await smtp.waitFor((m) => m.envelopeTo.includes(address) && m.subject.includes('80 %'), { timeoutMs: 20_000, what: 'the 80 % notice' });
    await severalLooks();
    expect([budgetMails(address, 80).length, budgetMails(address, 100).length]).toEqual([1, 0]);
    expect((await budgetsOf(org.admin, org.id))[0]!.noticesSent).toEqual([80]);

    // Lowered to the spend itself: the 100 % notice, and the 80 % one not again.
    expect((await setBudget(org.admin, org.id, (spend / 100).toFixed(2), 'needs_approval')).status).toBe(200);
    await smtp.waitFor((m) => m.envelopeTo.includes(address) && m.subject.includes('100 %'), { timeoutMs: 20_000, what: 'the 100 % notice' });
    await severalLooks();
    expect([budgetMails(address, 80).length, budgetMails(address, 100).length]).toEqual([1, 1]);
    const notice = budgetMails(address, 100)[0]!;
    expect(notice.text).toContain((spend / 100).toFixed(2));

    // Next month the subscription counts in full, over the same budget: a new period, so both notices once more.
    const now = new Date();
    writeFileSync(clockFile, String(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2) - now.getTime()));
    await smtp.waitFor((m) => m.envelopeTo.includes(address) && m.subject.includes('100 %'), { count: 2, timeoutMs: 20_000, what: "the next period's 100 % notice" });
    await severalLooks();
    expect([budgetMails(address, 80).length, budgetMails(address, 100).length]).toEqual([2, 2]);
    writeFileSync(clockFile, '0');
  });

  it("counts an order that names no cost centre towards its requester's label", async () => {
    const org = await newOrganization();
    const domain = (await reseller.get(`/organizations/${org.id}`)).body.primaryDomain as string;
    const username = `labelled${tag()}@${domain}`;
    const created = await org.admin.post(`/organizations/${org.id}/users`, { username, firstName: 'Rita', lastName: 'Research', email: username, role: 'org_admin', password: PASSWORD, costCentre: ' Research ' });
    expect([created.status, created.body.costCentre]).toEqual([201, 'Research']);
    expect((await org.admin.get(`/organizations/${org.id}/users/${created.body.id}`)).body.costCentre).toBe('Research');
    const labelled: Budgeted = { ...org, admin: await anonymous.login(username, PASSWORD) };

    expect((await setBudget(org.admin, org.id, '1000000', 'refused', 'Research')).status).toBe(200);
    const placed = await order(labelled, 2);
    expect([placed.status, placed.body.status]).toEqual([201, 'approved']);
    const history = await org.admin.get(`/organizations/${org.id}/transactions/${placed.body.transactionId}/history`);
    expect(history.body.items[0]).toMatchObject({ type: 'requested', costCentre: 'Research' });
    const research = await spendReaches(org, 'Research');
    // The same order by the unlabelled admin, and one naming another cost centre, do not count towards it.
    expect((await order(org, 2)).body.status).toBe('approved');
    expect((await order(labelled, 2, 'Sales')).body.status).toBe('approved');
    await severalLooks();
    expect((await budgetsOf(org.admin, org.id)).find((b) => b.costCentre === 'Research')!.committedSpend).toBe(research.committedSpend);
  });
});

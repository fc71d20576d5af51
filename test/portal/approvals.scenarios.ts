import type { Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn, PHONE } from './portal-browser';
import type { PortalWorld } from './portal-world';

/**
 * The reseller's approvals in Debian's Chromium against the running platform: the approval e-mail's link opened
 * after sign-in, Approve with a comment and Reject with a reason (dialogs), a request decided meanwhile (409) said
 * plainly, the approvals inbox, the customer's Transactions with decider and comment and Withdraw, the decision
 * e-mail's link, and the reseller's billing summary. Each screen is checked with axe-core and photographed; each
 * result is checked through the API.
 */
export function approvalsScenarios(world: PortalWorld): void {
  describe('approvals, transactions and billing summary in the portal (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
    let resellerUsername: string;
    let reseller: ApiClient;
    let resellerUserId: string;
    let org: Org;
    let orgName: string;
    let orgAdminUsername: string;
    let orgAdmin: ApiClient;
    let productId: string;
    let productName: string;

    /** The customer admin orders through the API: the Approval Process leaves it pending. */
    const order = async (quantity: number): Promise<string> => {
      const placed = await orgAdmin.post(`/organizations/${org.id}/orders`, { productId, quantity });
      expect([placed.status, placed.body.status]).toEqual([201, 'pending_approval']);
      return placed.body.transactionId as string;
    };
    /** The organization's transactions list is a read model: wait until it shows the transaction as wanted. */
    const listedTransaction = (transactionId: string, status: string) =>
      eventually(async () => {
        const list = await orgAdmin.get(`/organizations/${org.id}/transactions?limit=500`);
        const found = (list.body.items as Record<string, unknown>[]).find((t) => t.id === transactionId);
        return found?.status === status ? found : undefined;
      }, 20_000, `transaction ${transactionId} ${status} in the list`);
    const signedIn = async (username: string, path: string, viewport?: typeof PHONE) => {
      const opened = await browser.newPage(viewport);
      await opened.page.goto(`${origin()}/login?next=${encodeURIComponent(path)}`);
      await logIn(opened.page, username, PASSWORD);
      await opened.page.waitForURL((url) => url.pathname === path.split('?')[0]);
      return opened;
    };
    const dialogButton = (page: Page, name: string) => page.getByRole('dialog').getByRole('button', { name, exact: true });

    beforeAll(async () => {
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      resellerUsername = (await registerReseller(platformAdmin, 'approvals')).username;
      const login = await anonymous().post('/auth/login', { username: resellerUsername, password: PASSWORD });
      reseller = anonymous().as(login.body.accessToken as string);
      resellerUserId = login.body.user.id as string;
      org = await createOrganization(reseller);
      orgName = `Org ${org.domain}`;
      const settings = (await reseller.get(`/organizations/${org.id}/settings`)).body;
      expect((await reseller.request('PUT', `/organizations/${org.id}/settings`, { ...settings, approvalRequired: true })).status).toBe(200);
      productName = `Microsoft 365 E3 ${tag()}`;
      const product = await reseller.post('/catalog/products', {
        name: productName, vendor: 'Microsoft', sku: `E3-${tag()}`, description: 'Office apps, mail and storage', billingFrequency: 'monthly', price: '10.50', cost: '7.00',
      });
      expect(product.status).toBe(201);
      productId = product.body.id as string;
      expect((await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId }] })).status).toBe(200);
      orgAdminUsername = `anna${tag()}@${org.domain}`;
      const created = await reseller.post(`/organizations/${org.id}/users`, { username: orgAdminUsername, firstName: 'Anna', lastName: 'Admin', email: orgAdminUsername, role: 'org_admin', password: PASSWORD });
      expect(created.status).toBe(201);
      orgAdmin = await anonymous().login(orgAdminUsername, PASSWORD);
    });


    afterEach(() => {
      // A CSP refusal or a script error fails the test; the 409 the tests provoke is logged as a failed load and shown.
      expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of 409/.test(line))).toEqual([]);
      browser.consoleErrors.length = 0;
    });

    it("opens the approval e-mail's link after sign-in and approves with a comment; the customer's Transactions show the decider and comment", async () => {
      const transactionId = await order(5);
      const comment = `Approved for the new team ${tag()}`;

      const { page, context } = await browser.newPage();
      // The link the approval e-mail carries: /login first, then the request.
      await page.goto(`${origin()}/approvals/${transactionId}`);
      await page.waitForURL((url) => url.pathname === '/login');
      await logIn(page, resellerUsername, PASSWORD);
      await page.waitForURL((url) => url.pathname === `/approvals/${transactionId}`);
      await page.getByRole('heading', { name: 'Approval request' }).waitFor();
      await page.getByText(orgName, { exact: true }).waitFor();
      await page.getByText('630.00 EUR', { exact: true }).waitFor();
      await page.getByText(`Anna Admin (${orgAdminUsername})`).first().waitFor();
      expect(await auditScreen(page, 'approval-request')).toEqual([]);

      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('dialog', { name: 'Approve the request' }).waitFor();
      await page.getByRole('textbox', { name: 'Comment' }).fill(comment);
      expect(await auditScreen(page, 'approval-approve-dialog')).toEqual([]);
      await dialogButton(page, 'Approve').click();
      await page.getByRole('status').filter({ hasText: `Approved by you (${resellerUsername})` }).waitFor();
      await page.getByText(`Comment: ${comment}`).waitFor();
      expect(await auditScreen(page, 'approval-decided')).toEqual([]);
      await context.close();

      // The API: approved by the reseller's admin, with the comment, in the history and in the list.
      const history = (await reseller.get(`/organizations/${org.id}/transactions/${transactionId}/history`)).body;
      expect(history.items.map((entry: { type: string }) => entry.type)).toEqual(['requested', 'approved']);
      expect(history.items[1]).toMatchObject({ actorId: resellerUserId, comment });
      expect(await listedTransaction(transactionId, 'approved')).toMatchObject({ decidedBy: resellerUserId, comment });

      // The customer's Transactions: status, decider and comment.
      const customer = await signedIn(orgAdminUsername, `/organizations/${org.id}/users`);
      await customer.page.getByRole('link', { name: 'Transactions' }).click();
      await customer.page.waitForURL((url) => url.pathname === `/organizations/${org.id}/transactions`);
      await customer.page.mouse.move(1270, 790);
      const row = customer.page.getByRole('row').filter({ hasText: productName });
      await row.getByText('Approved', { exact: true }).waitFor();
      await row.getByText('An administrator of your provider').waitFor();
      await row.getByText(comment).waitFor();
      expect(await auditScreen(customer.page, 'transactions')).toEqual([]);
      await customer.context.close();

      // The decision e-mail's link: the transaction with its decider, time and comment.
      const link = await signedIn(orgAdminUsername, `/organizations/${org.id}/transactions/${transactionId}`);
      await link.page.getByRole('heading', { name: 'Transaction' }).waitFor();
      await link.page.getByRole('status').filter({ hasText: 'Approved by an administrator of your provider at' }).waitFor();
      await link.page.getByText(comment, { exact: true }).waitFor();
      expect(await auditScreen(link.page, 'transaction')).toEqual([]);
      await link.context.close();
    });

    it('lists pending requests in the approvals inbox; Reject needs a reason, and a request decided meanwhile is said so plainly (409)', async () => {
      const rejectedId = await order(7);
      const raceId = await order(9);
      const reason = `Over this quarter's budget ${tag()}`;
      await eventually(async () => {
        const pending = await reseller.get('/approvals?status=pending');
        return (pending.body.items as { transactionId: string }[]).filter((item) => [rejectedId, raceId].includes(item.transactionId)).length === 2 ? true : undefined;
      }, 20_000, 'both requests pending');

      const { page, context } = await signedIn(resellerUsername, '/organizations');
      await page.getByRole('link', { name: 'Approvals' }).click();
      await page.waitForURL((url) => url.pathname === '/approvals');
      // The pointer leaves the navigation, as a person's would after the click (a hovered link is shaded).
      await page.mouse.move(1270, 790);
      await page.getByRole('cell', { name: '882.00 EUR' }).waitFor();
      await page.getByRole('cell', { name: '1134.00 EUR' }).waitFor();
      await page.getByText(`Anna Admin (${orgAdminUsername})`).first().waitFor();
      expect(await auditScreen(page, 'approvals-inbox')).toEqual([]);

      // Open the request for 7 (10.50 a month × 7 × 12 = 882.00 a year).
      // At phone width the inbox keeps organization, product, annual value and Open; the request reads in one column.
      const phone = await signedIn(resellerUsername, '/approvals', PHONE);
      await phone.page.getByRole('cell', { name: '882.00 EUR' }).waitFor();
      expect(await auditScreen(phone.page, 'approvals-inbox-phone')).toEqual([]);
      await phone.page.getByRole('row').filter({ hasText: '882.00 EUR' }).getByRole('link', { name: /^Open the request/ }).click();
      await phone.page.getByRole('button', { name: 'Approve', exact: true }).waitFor();
      expect(await auditScreen(phone.page, 'approval-request-phone')).toEqual([]);
      await phone.context.close();

      await page.getByRole('row').filter({ hasText: '882.00 EUR' }).getByRole('link', { name: /^Open the request/ }).click();
      await page.waitForURL((url) => url.pathname === `/approvals/${rejectedId}`);
      await page.getByRole('button', { name: 'Reject', exact: true }).click();
      await dialogButton(page, 'Reject').click();
      await page.getByText('Enter the reason for the rejection').waitFor();
      expect(await auditScreen(page, 'approval-reject-dialog')).toEqual([]);
      await page.getByRole('textbox', { name: 'Reason' }).fill(reason);
      await dialogButton(page, 'Reject').click();
      await page.getByRole('status').filter({ hasText: `Rejected by you (${resellerUsername})` }).waitFor();
      expect(await listedTransaction(rejectedId, 'rejected')).toMatchObject({ decidedBy: resellerUserId, reason });

      // Another administrator approves the other request while this page shows it pending.
      await page.goto(`${origin()}/approvals/${raceId}`);
      await page.getByRole('button', { name: 'Reject', exact: true }).waitFor();
      expect((await reseller.post(`/approvals/${raceId}/approve`, { comment: 'Approved elsewhere' })).status).toBe(200);
      await page.getByRole('button', { name: 'Reject', exact: true }).click();
      await page.getByRole('textbox', { name: 'Reason' }).fill(reason);
      await dialogButton(page, 'Reject').click();
      await page.getByRole('alert').filter({ hasText: 'This request was already decided, so your decision was not recorded.' }).waitFor();
      expect(await auditScreen(page, 'approval-already-decided')).toEqual([]);
      expect(await listedTransaction(raceId, 'approved')).toMatchObject({ comment: 'Approved elsewhere' });
      expect((await reseller.get(`/organizations/${org.id}/transactions/${raceId}/history`)).body.items.map((e: { type: string }) => e.type)).toEqual(['requested', 'approved']);
      await context.close();

    });

    it('lets the requester withdraw a pending request from Transactions', async () => {
      const transactionId = await order(2);
      await listedTransaction(transactionId, 'pending_approval');
      const { page, context } = await signedIn(orgAdminUsername, `/organizations/${org.id}/transactions`);
      // 2 × 10.50 a month: 252.00 a year.
      const row = page.getByRole('row').filter({ hasText: '252.00 EUR' });
      await row.getByRole('button', { name: `Withdraw the request for ${productName}` }).click();
      await dialogButton(page, 'Withdraw').click();
      await page.getByText('The request is withdrawn.').waitFor();
      expect(await listedTransaction(transactionId, 'withdrawn')).toMatchObject({ decidedBy: expect.any(String) });
      await row.getByText('Withdrawn', { exact: true }).waitFor();
      await page.mouse.move(1270, 790);
      expect(await auditScreen(page, 'transactions-withdrawn')).toEqual([]);
      await context.close();
    });

    it("shows the reseller's billing summary for a month: each organization's revenue, cost and margin, totals and a chart", async () => {
      const month = new Date().toISOString().slice(0, 7);
      const summary = await eventually(async () => {
        const answer = await reseller.get(`/billing/summary?month=${month}`);
        return (answer.body.items as { organizationId: string }[] | undefined)?.some((item) => item.organizationId === org.id) ? answer.body : undefined;
      }, 30_000, 'the billing summary to include the organization');

      const { page, context } = await signedIn(resellerUsername, '/organizations');
      await page.getByRole('link', { name: 'Billing summary' }).click();
      await page.waitForURL((url) => url.pathname === '/billing-summary');
      await page.mouse.move(1270, 790);
      const row = page.getByRole('row').filter({ hasText: orgName });
      const item = (summary.items as { organizationId: string; revenue: string; cost: string; margin: string }[]).find((i) => i.organizationId === org.id)!;
      await eventually(async () => ((await row.getByRole('cell').allTextContents()).join('|') === [orgName, item.revenue, item.cost, item.margin].map((v, i) => (i ? `${v} EUR` : v)).join('|') ? true : undefined), 10_000, 'the row');
      const totals = page.getByRole('row').filter({ hasText: 'Totals' });
      expect(await totals.textContent()).toBe(`Totals${summary.totals.revenue} EUR${summary.totals.cost} EUR${summary.totals.margin} EUR`);
      await page.getByRole('figure', { name: 'Revenue, cost and margin by organization' }).waitFor();
      expect(await auditScreen(page, 'billing-summary')).toEqual([]);

      // The month picker: an earlier month answers its own summary.
      await page.getByRole('button', { name: /^Month/ }).click();
      await page.waitForTimeout(300);
      expect(await auditScreen(page, 'billing-summary-month-picker')).toEqual([]);
      await context.close();
    });

    it("lets an organization's approver open the approval e-mail's link and approve their step of the chain; then the request waits for the reseller", async () => {
      const approverUsername = `bill${tag()}@${org.domain}`;
      const created = await reseller.post(`/organizations/${org.id}/users`, { username: approverUsername, firstName: 'Bill', lastName: 'Approver', email: approverUsername, role: 'org_billing_admin', password: PASSWORD });
      expect(created.status).toBe(201);
      const approverId = created.body.id as string;
      const chains = { rules: [{ condition: { type: 'always' }, steps: [{ approverIds: [approverId] }] }] };
      expect((await orgAdmin.request('PUT', `/organizations/${org.id}/approval-chains`, chains)).status).toBe(200);
      try {
        const transactionId = await order(3);
        const { page, context } = await signedIn(approverUsername, `/approvals/${transactionId}`);
        await page.getByRole('heading', { name: 'Approval request' }).waitFor();
        await page.getByText(productName).first().waitFor();
        await page.getByRole('link', { name: 'Approvals', exact: true }).waitFor();
        expect(await auditScreen(page, 'approval-request-organization-step')).toEqual([]);
        await page.getByRole('button', { name: 'Approve', exact: true }).click();
        await page.getByRole('dialog', { name: 'Approve the request' }).waitFor();
        await dialogButton(page, 'Approve').click();
        await page.getByRole('status').filter({ hasText: "waits for your provider's decision" }).waitFor();
        expect(await auditScreen(page, 'approval-organization-step-done')).toEqual([]);
        await context.close();

        const history = (await orgAdmin.get(`/organizations/${org.id}/transactions/${transactionId}/history`)).body;
        expect(history.items.map((entry: { type: string }) => entry.type)).toEqual(['requested', 'step_reached', 'step_approved', 'step_reached']);
        expect(history.items[2]).toMatchObject({ actorId: approverId, step: { index: 0, kind: 'organization' } });
        await eventually(async () => ((await reseller.get('/approvals?status=pending')).body.items as { transactionId: string }[]).some((i) => i.transactionId === transactionId) || undefined, 20_000, "the request at the reseller's step");
      } finally {
        expect((await orgAdmin.request('DELETE', `/organizations/${org.id}/approval-chains`)).status).toBe(200);
      }
    });
  });
}

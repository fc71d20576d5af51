import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn, PHONE } from './portal-browser';
import type { PortalWorld } from './portal-world';

interface Member {
  id: string;
  username: string;
}

/**
 * The customer's e-store, My services and billing in Debian's Chromium against the running platform: ordering says
 * before whether approval is needed and after whether it is approved or pending; licences are assigned and moved,
 * quantities changed and services cancelled; an org user sees only their own services; the billing report's table,
 * chart and CSV download match the API; billing details are saved by a billing admin and read by a viewer. Each
 * result is checked through the API, and every screen with axe-core.
 */
export function storeScenarios(world: PortalWorld): void {
  describe('e-store, my services and billing (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
    let reseller: ApiClient;
    let org: Org;
    let orgAdmin: ApiClient;
    let admin: Member;
    const members: Record<'bert' | 'carla' | 'dmitri' | 'vera' | 'bill', Member> = {} as never;
    const products: Record<'e3' | 'backup', { id: string; name: string }> = {} as never;

    const ok = <T = any>(response: { status: number; body: T }, status: number): T => {
      expect([response.status, response.body]).toEqual([status, expect.anything()]);
      return response.body;
    };
    const setApprovalProcess = async (approvalRequired: boolean) => {
      const current = ok((await reseller.get(`/organizations/${org.id}/settings`)) as { status: number; body: any }, 200);
      const { annualLimit } = current.dynamicApproval;
      ok(await reseller.request('PUT', `/organizations/${org.id}/settings`, { ...current, approvalRequired, dynamicApproval: { enabled: false, annualLimit } }), 200);
    };
    const subscriptionOf = (productId: string, check: (subscription: any) => boolean, what: string) =>
      eventually(async () => {
        const items = (await orgAdmin.get(`/organizations/${org.id}/subscriptions?limit=500`)).body.items as any[];
        return items.find((s) => s.productId === productId && check(s));
      }, 20_000, what);
    const transactionOf = (check: (transaction: any) => boolean, what: string) =>
      eventually(async () => ((await orgAdmin.get(`/organizations/${org.id}/transactions?limit=500`)).body.items as any[]).find(check), 20_000, what);
    const signIn = async (username: string, viewport?: typeof PHONE) => {
      const opened = await browser.newPage(viewport);
      await opened.page.goto(`${origin()}/login`);
      await logIn(opened.page, username, PASSWORD);
      await opened.page.getByRole('button', { name: 'Log out' }).waitFor();
      return opened;
    };
    const openFromNavigation = async (page: Page, label: string, heading: string) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
      // The pointer leaves the link: axe judges the page as it rests, not the link's hover shade.
      await page.mouse.move(640, 790);
    };
    /** A table's body rows as the texts of their cells. */
    const tableRows = (page: Page, name: string) =>
      page.getByRole('table', { name }).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => (cell.textContent ?? '').trim())));

    beforeAll(async () => {
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      reseller = await anonymous().login((await registerReseller(platformAdmin, 'store')).username, PASSWORD);
      org = await createOrganization(reseller);
      const createUser = async (firstName: string, role: string): Promise<Member> => {
        const username = `${firstName.toLowerCase()}${tag()}@${org.domain}`;
        const created = ok(await reseller.post(`/organizations/${org.id}/users`, { username, firstName, lastName: 'Member', email: username, role, password: PASSWORD }), 201);
        return { id: created.id as string, username };
      };
      admin = await createUser('Anna', 'org_admin');
      orgAdmin = await anonymous().login(admin.username, PASSWORD);
      members.bert = await createUser('Bert', 'org_user');
      members.carla = await createUser('Carla', 'org_user');
      members.dmitri = await createUser('Dmitri', 'org_user');
      members.vera = await createUser('Vera', 'org_viewer');
      members.bill = await createUser('Bill', 'org_billing_admin');
      const product = async (name: string, billingFrequency: 'monthly' | 'annual', price: string) => {
        const created = ok(await reseller.post('/catalog/products', { name: `${name} ${tag()}`, vendor: 'Contoso', sku: `SKU-${tag()}`, description: `${name} for every desk`, billingFrequency, price, cost: '1.00' }), 201);
        return { id: created.id as string, name: created.name as string };
      };
      products.e3 = await product('Microsoft 365 E3', 'monthly', '30.00');
      products.backup = await product('Cloud Backup', 'annual', '120.00');
      // The organization's prices: E3 at 27.50 instead of 30.00.
      ok(await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId: products.e3.id, price: '27.50' }, { productId: products.backup.id }] }), 200);
      // Set-up: the Approval Process is ticked, so every order of the customer needs the reseller's approval.
      await setApprovalProcess(true);
      await eventually(async () => ((await orgAdmin.get(`/organizations/${org.id}/users?limit=500`)).body.items.length === 6 ? true : undefined), 15_000, 'the users list');
    });


    afterEach(() => {
      expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of 4(00|01|12)/.test(line))).toEqual([]);
      browser.consoleErrors.length = 0;
    });

    it('says "needs approval" before an order under the Approval Process and "pending approval" after it; without it, "approved"', async () => {
      const { page, context } = await signIn(admin.username);
      await openFromNavigation(page, 'E-store', 'E-store');
      const store = ok(await orgAdmin.get(`/organizations/${org.id}/store`), 200);
      expect(await tableRows(page, 'E-store')).toEqual(
        store.items.map((item: any) => [item.name, 'Contoso', item.description, item.billingFrequency === 'monthly' ? 'Monthly' : 'Annual', `${item.price} ${item.currency}`, 'Order']),
      );
      expect(await auditScreen(page, 'e-store')).toEqual([]);

      await page.getByRole('button', { name: `Order ${products.e3.name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Order ${products.e3.name}` });
      await dialog.getByRole('textbox', { name: 'Quantity' }).fill('4');
      // 4 x 27.50 a month: 1320.00 a year.
      await dialog.getByText('Needs approval', { exact: true }).waitFor();
      await dialog.getByText(/Worth 1320\.00 EUR a year\. Your organization's Approval Process is on/).waitFor();
      expect(await auditScreen(page, 'e-store-needs-approval')).toEqual([]);
      await dialog.getByRole('button', { name: 'Order' }).click();
      await dialog.getByText('Pending approval', { exact: true }).waitFor();
      expect(await auditScreen(page, 'e-store-pending-approval')).toEqual([]);

      const pending = await transactionOf((t) => t.type === 'order' && t.productId === products.e3.id, 'the pending order');
      expect(pending).toMatchObject({ status: 'pending_approval', quantity: 4, annualValue: '1320.00', appliedPolicy: 'approval_required', requestedBy: admin.id });
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();

      // The reseller approves it; the Approval Process is then unticked, and the next order is approved at once.
      ok(await reseller.post(`/approvals/${pending.id}/approve`, { comment: 'Go ahead' }), 200);
      await setApprovalProcess(false);
      await page.reload();
      await page.getByRole('button', { name: `Order ${products.backup.name}` }).click();
      const second = page.getByRole('dialog', { name: `Order ${products.backup.name}` });
      await second.getByRole('textbox', { name: 'Quantity' }).fill('2');
      await second.getByText('No approval needed', { exact: true }).waitFor();
      await second.getByRole('button', { name: 'Order' }).click();
      await second.getByText('Approved', { exact: true }).waitFor();
      const approved = await transactionOf((t) => t.type === 'order' && t.productId === products.backup.id, 'the approved order');
      expect(approved).toMatchObject({ status: 'approved', quantity: 2, appliedPolicy: 'none' });
      await subscriptionOf(products.e3.id, (s) => s.status === 'active', 'the approved E3 subscription');
      await subscriptionOf(products.backup.id, (s) => s.status === 'active', 'the backup subscription');
      await context.close();
    });

    it('lists My services, assigns and moves licences, changes a quantity and cancels (each answer shown), at phone width too', async () => {
      const e3 = await subscriptionOf(products.e3.id, (s) => s.status === 'active', 'the E3 subscription');
      const { page, context } = await signIn(admin.username);
      await openFromNavigation(page, 'My services', 'My services');
      await page.getByRole('button', { name: `Manage ${products.e3.name}` }).waitFor();
      const listed = (await orgAdmin.get(`/organizations/${org.id}/subscriptions`)).body.items as any[];
      expect(await tableRows(page, 'My services')).toEqual(
        listed.map((s) => [s.productName, String(s.quantity), `${s.price} ${s.currency}`, s.billingFrequency === 'monthly' ? 'Monthly' : 'Annual', 'Active', String(s.assignedUserIds.length), 'Manage']),
      );
      expect(await auditScreen(page, 'my-services')).toEqual([]);

      // Assign Bert and Carla.
      const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
      await page.getByRole('button', { name: `Manage ${products.e3.name}` }).click();
      await page.getByRole('menuitem', { name: 'Assign licences' }).click();
      const assign = page.getByRole('dialog', { name: `Assign licences of ${products.e3.name}` });
      const holders = assign.getByLabel('Licence holders', { exact: true });
      for (const member of [members.bert, members.carla]) {
        await holders.fill(member.username.slice(0, 8));
        await page.getByRole('option', { name: member.username }).click();
      }
      await assign.getByText('2 of 4 licences assigned').waitFor();
      // A click beside the list closes it, as it does for a person.
      await assign.getByText('2 of 4 licences assigned').click();
      expect(await auditScreen(page, 'my-services-assign')).toEqual([]);
      await assign.getByRole('button', { name: 'Save licences' }).click();
      await assign.getByText(`2 of 4 licences are assigned: ${members.bert.username}, ${members.carla.username}.`).waitFor();
      expect(ok(await orgAdmin.get(`/organizations/${org.id}/subscriptions/${e3.id}`), 200).assignedUserIds).toEqual([members.bert.id, members.carla.id]);
      await assign.getByRole('button', { name: 'Close', exact: true }).click();
      await rowOf(products.e3.name).getByRole('cell', { name: '2', exact: true }).waitFor();

      // Move Carla's licence to Dmitri: one save.
      await page.getByRole('button', { name: `Manage ${products.e3.name}` }).click();
      await page.getByRole('menuitem', { name: 'Assign licences' }).click();
      await assign.getByText('2 of 4 licences assigned').waitFor();
      // A chosen user's option unticks them; another's ticks them.
      for (const member of [members.carla, members.dmitri]) {
        await holders.fill(member.username.slice(0, 8));
        await page.getByRole('option', { name: member.username }).click();
      }
      await assign.getByText('2 of 4 licences assigned').click();
      await assign.getByRole('button', { name: 'Save licences' }).click();
      await assign.getByText(`2 of 4 licences are assigned: ${members.bert.username}, ${members.dmitri.username}.`).waitFor();
      expect(ok(await orgAdmin.get(`/organizations/${org.id}/subscriptions/${e3.id}`), 200).assignedUserIds).toEqual([members.bert.id, members.dmitri.id]);
      await assign.getByRole('button', { name: 'Close', exact: true }).click();

      // The Approval Process again: a change and a cancellation are pending approval.
      await setApprovalProcess(true);
      await page.getByRole('button', { name: `Manage ${products.e3.name}` }).click();
      await page.getByRole('menuitem', { name: 'Change quantity' }).click();
      const change = page.getByRole('dialog', { name: `Change quantity of ${products.e3.name}` });
      // Below the two assigned licences is refused in the page.
      await change.getByRole('textbox', { name: 'New quantity' }).fill('1');
      await change.getByRole('button', { name: 'Change quantity' }).click();
      await change.getByText('Unassign licences first: 2 are assigned').waitFor();
      await change.getByRole('textbox', { name: 'New quantity' }).fill('6');
      await change.getByRole('button', { name: 'Change quantity' }).click();
      await change.getByText('Pending approval', { exact: true }).waitFor();
      await change.getByRole('button', { name: 'Close', exact: true }).click();
      expect(await transactionOf((t) => t.type === 'change' && t.subscriptionId === e3.id, 'the change')).toMatchObject({ status: 'pending_approval', quantity: 6, previousQuantity: 4 });

      const backup = await subscriptionOf(products.backup.id, (s) => s.status === 'active', 'the backup subscription');
      await page.getByRole('button', { name: `Manage ${products.backup.name}` }).click();
      await page.getByRole('menuitem', { name: 'Cancel service' }).click();
      const cancel = page.getByRole('dialog', { name: `Cancel ${products.backup.name}?` });
      // Keeping the service sends nothing.
      await cancel.getByRole('button', { name: 'Keep the service' }).click();
      await cancel.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `Manage ${products.backup.name}` }).click();
      await page.getByRole('menuitem', { name: 'Cancel service' }).click();
      await cancel.getByRole('button', { name: 'Cancel the service' }).click();
      await cancel.getByText('Pending approval', { exact: true }).waitFor();
      expect(await transactionOf((t) => t.type === 'cancel' && t.subscriptionId === backup.id, 'the cancellation')).toMatchObject({ status: 'pending_approval', quantity: 0 });
      const cancellations = ((await orgAdmin.get(`/organizations/${org.id}/transactions?limit=500`)).body.items as any[]).filter((t) => t.type === 'cancel');
      expect(cancellations).toHaveLength(1);
      await context.close();

      const phone = await signIn(admin.username, PHONE);
      await phone.page.goto(`${origin()}/organizations/${org.id}/services`);
      await phone.page.getByRole('button', { name: `Manage ${products.e3.name}` }).waitFor();
      expect(await auditScreen(phone.page, 'my-services-phone')).toEqual([]);
      await phone.context.close();
    });

    it('shows an org user only their own services, and a viewer reads without managing', async () => {
      await subscriptionOf(products.e3.id, (s) => s.assignedUserIds.includes(members.bert.id), 'Bert holding E3');
      const bert = await anonymous().login(members.bert.username, PASSWORD);
      const own = ok(await bert.get(`/organizations/${org.id}/subscriptions`), 200).items as any[];
      expect(own.map((s) => s.productId)).toEqual([products.e3.id]);

      const { page, context } = await signIn(members.bert.username);
      const navigation = page.getByRole('navigation', { name: 'Main' });
      await navigation.getByRole('link', { name: 'My services' }).waitFor();
      expect(await navigation.getByRole('link', { name: /Billing/ }).count()).toBe(0);
      await openFromNavigation(page, 'My services', 'My services');
      await page.getByText('The services assigned to you.').waitFor();
      await page.getByRole('cell', { name: products.e3.name, exact: true }).waitFor();
      expect((await tableRows(page, 'My services')).map((row) => row[0])).toEqual(own.map((s) => s.productName));
      expect(await page.getByRole('button', { name: /^Manage / }).count()).toBe(0);
      expect(await auditScreen(page, 'my-services-org-user')).toEqual([]);
      // The e-store is there to browse; ordering is for the organization's admins.
      await openFromNavigation(page, 'E-store', 'E-store');
      await page.getByRole('cell', { name: products.backup.name }).waitFor();
      expect(await page.getByRole('button', { name: /^Order / }).count()).toBe(0);
      await context.close();

      const viewer = await signIn(members.vera.username);
      await openFromNavigation(viewer.page, 'My services', 'My services');
      await viewer.page.getByRole('cell', { name: products.backup.name }).waitFor();
      expect(await viewer.page.getByRole('button', { name: /^Manage / }).count()).toBe(0);
      await viewer.context.close();
    });

    it("shows the billing report by service and by user, with its chart, matching the API's JSON, and downloads the API's CSV", async () => {
      const month = new Date().toISOString().slice(0, 7);
      const from = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 2, 1)).toISOString().slice(0, 7);
      const report = (groupBy: string) => orgAdmin.get(`/organizations/${org.id}/billing/report?from=${from}&to=${month}&groupBy=${groupBy}`);
      // The report is a read model: wait until it shows both services.
      const byService = await eventually(async () => {
        const body = (await report('service')).body;
        return body.lines?.length === 2 ? body : undefined;
      }, 20_000, 'the billing report');

      const { page, context } = await signIn(admin.username);
      await openFromNavigation(page, 'Billing report', 'Billing report');
      await page.getByText(`Total: ${byService.total} EUR`).waitFor();
      expect(await tableRows(page, 'Billing report lines')).toEqual(byService.lines.map((line: any) => [line.month, line.productName, String(line.quantity), `${line.amount} EUR`]));
      await page.locator('.recharts-surface').first().waitFor();
      expect(await page.locator('.recharts-bar-rectangle').count()).toBe(2);
      expect(await auditScreen(page, 'billing-report')).toEqual([]);

      // The CSV download is the API's CSV for the same months.
      const csv = await orgAdmin.get(`/organizations/${org.id}/billing/report?from=${from}&to=${month}&groupBy=service`, { accept: 'text/csv' });
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`billing-${from}-${month}-by-service.csv`);
      expect(await readFile((await download.path())!, 'utf8')).toBe(csv.body);

      await page.locator('label', { hasText: 'By user' }).click();
      expect(await page.getByRole('radio', { name: 'By user' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Show report' }).click();
      const byUser = ok(await report('user'), 200);
      await page.getByRole('columnheader', { name: 'User' }).waitFor();
      expect(await tableRows(page, 'Billing report lines')).toEqual(
        byUser.lines.map((line: any) => [line.month, line.productName, line.userName ?? 'Unassigned', String(line.quantity), `${line.amount} EUR`]),
      );
      expect(byUser.total).toBe(byService.total);
      expect(await auditScreen(page, 'billing-report-by-user')).toEqual([]);
      await context.close();
    });

    it('lets a billing admin save the billing details (the API sees them) and a viewer read them', async () => {
      const { page, context } = await signIn(members.bill.username);
      await openFromNavigation(page, 'Billing details', 'Billing details');
      await page.getByRole('textbox', { name: 'Billing contact' }).fill('Bill Member');
      await page.getByRole('textbox', { name: 'Billing email' }).fill(`billing@${org.domain}`);
      await page.getByRole('textbox', { name: 'PO reference' }).fill('PO-2026-0042');
      await page.getByRole('textbox', { name: 'Invoice address' }).fill('Contoso Ltd\nMain Street 1\n12345 Springfield');
      expect(await auditScreen(page, 'billing-details')).toEqual([]);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The billing details are saved.').waitFor();
      expect(ok(await orgAdmin.get(`/organizations/${org.id}/billing/details`), 200)).toMatchObject({
        billingContactName: 'Bill Member',
        billingEmail: `billing@${org.domain}`,
        purchaseOrderReference: 'PO-2026-0042',
        invoiceAddress: 'Contoso Ltd\nMain Street 1\n12345 Springfield',
        updatedBy: members.bill.id,
      });
      await context.close();

      const viewer = await signIn(members.vera.username);
      await openFromNavigation(viewer.page, 'Billing details', 'Billing details');
      const contact = viewer.page.getByRole('textbox', { name: 'Billing contact' });
      await eventually(async () => ((await contact.inputValue()) === 'Bill Member' ? true : undefined), 10_000, 'the saved contact');
      expect(await contact.getAttribute('readonly')).not.toBeNull();
      expect(await viewer.page.getByRole('button', { name: 'Save' }).count()).toBe(0);
      await viewer.context.close();
    });
  });
}

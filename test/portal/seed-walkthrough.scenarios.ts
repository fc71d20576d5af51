import type { Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { PASSWORD, tag } from '../support/fixtures';
import type { ReceivedMail } from '../support/smtp-receiver';
import { auditScreen, logIn, settled } from './portal-browser';
import { microsoft365Export } from './microsoft365-export';
import type { PortalWorld } from './portal-world';

/**
 * The guide (seed/customer-self-service-setup.txt) walked in the browser from the address `npm start` printed, one
 * step after the other, each step building on the last: the platform admin logs in with the printed login and
 * creates the reseller; the reseller creates an organization, sets its Approval Process, Dynamic Approval and Billing
 * Start Date, updates its reseller properties and adds the organization's admin from the users column; the customer
 * admin adds a user (a weak password first), imports a Microsoft 365 export, disables two accounts and orders a
 * service that needs approval; the reseller approves it from the approval e-mail's link; the customer admin gets the
 * decision e-mail, assigns licences and reads the billing report and its chart; an org user sees only their own
 * services. The API confirms each step.
 */
export function seedWalkthroughScenarios(world: PortalWorld): void {
  describe('the guide, walked end to end in the browser from what npm start printed', () => {
    const { platform, browser, mail } = world;
    const t = tag();
    const api = () => new ApiClient(platform.baseUrl);
    const reseller = { name: `Contoso Cloud ${t}`, username: `rita@contoso-cloud${t}.example`, notificationEmail: `approvals-${t}@contoso-cloud.example`, supportEmail: `support-${t}@contoso-cloud.example` };
    const domain = `fabrikam${t}.example`;
    const orgName = `Fabrikam ${t}`;
    const orgAdmin = { username: `olga@${domain}`, password: 'Qw7!vbnRtz' };
    const orgUser = { localPart: `erik${t}`, username: `erik${t}@${domain}`, password: 'Kv7#mbqTzw' };
    const product = { name: `Microsoft 365 E3 ${t}`, backup: `Cloud Backup ${t}` };
    let orgId: string;
    let resellerApi: ApiClient;
    let orgAdminApi: ApiClient;
    let transactionId: string;
    const imported: { id: string; username: string }[] = [];

    /** A page signed in from the printed address (a link first sends the person to /login, then back to it). */
    const opened = async (username: string, password: string, path = '/') => {
      const { page, context } = await browser.newPage();
      await page.goto(`${platform.openUrl}${path}`);
      await page.waitForURL((url) => url.pathname === '/login');
      await logIn(page, username, password);
      await page.waitForURL((url) => url.pathname !== '/login');
      return { page, context };
    };
    const navigate = async (page: Page, label: string) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
      await page.mouse.move(640, 790);
    };
    const mailTo = (address: string, subject: RegExp, what: string): Promise<ReceivedMail> =>
      mail.waitFor((m) => m.envelopeTo.includes(address) && subject.test(m.subject), { timeoutMs: 30_000, what }).then(([found]) => found!);

    afterEach(() => {
      // The refusals the walkthrough provokes on purpose (the weak password: 400) are shown by the page.
      expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of 400/.test(line))).toEqual([]);
      browser.consoleErrors.length = 0;
    });

    it('opens the printed address with the printed login: the platform admin creates the reseller', async () => {
      expect(platform.printed).toEqual(expect.arrayContaining([expect.stringMatching(/Log in:\s+admin@platform\.test \/ the password in PLATFORM_ADMIN_PASSWORD/)]));
      const { page, context } = await opened(platform.adminUsername, platform.adminPassword);
      await page.waitForURL((url) => url.pathname === '/resellers');
      await page.getByRole('button', { name: 'New reseller' }).click();
      const dialog = page.getByRole('dialog', { name: 'New reseller' });
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(reseller.name);
      await dialog.getByRole('textbox', { name: 'Currency' }).fill('EUR');
      await dialog.getByRole('textbox', { name: 'Notification Email' }).fill(`first-${reseller.notificationEmail}`);
      await dialog.getByRole('textbox', { name: 'Support Email' }).fill(reseller.supportEmail);
      await dialog.getByRole('textbox', { name: 'First name' }).fill('Rita');
      await dialog.getByRole('textbox', { name: 'Last name' }).fill('Reseller');
      await dialog.getByRole('textbox', { name: 'Username' }).fill(reseller.username);
      await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill(reseller.username);
      await dialog.getByLabel(/^Password/).fill(PASSWORD);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: reseller.name, exact: true }).waitFor();
      await context.close();
      resellerApi = await api().login(reseller.username, PASSWORD);
      expect((await resellerApi.get('/me')).body).toMatchObject({ username: reseller.username, role: 'reseller_admin' });
    });

    it('1.1 and 2: the reseller creates an organization and sets the Approval Process, a Dynamic Approval limit and the Billing Start Date', async () => {
      const { page, context } = await opened(reseller.username, PASSWORD);
      await page.waitForURL((url) => url.pathname === '/organizations');
      await page.getByRole('button', { name: 'New organization' }).click();
      const dialog = page.getByRole('dialog', { name: 'New organization' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(orgName);
      await dialog.getByRole('textbox', { name: 'Primary domain' }).fill(domain);
      await dialog.getByRole('textbox', { name: 'Notification Email' }).fill(`it@${domain}`);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'hidden' });

      // 2.2: the pencil of the organization opens its details; "More" its settings.
      await page.getByRole('link', { name: `Edit ${orgName}` }).click();
      await page.waitForURL((url) => /^\/organizations\/[^/]+$/.test(url.pathname));
      orgId = new URL(page.url()).pathname.split('/')[2]!;
      expect(await page.getByRole('textbox', { name: 'Notification Email' }).inputValue()).toBe(`it@${domain}`);
      await page.getByRole('button', { name: 'More' }).click();
      // The panel opens with a transition: what is ticked before it ends would land in a box of its old height.
      await settled(page);
      await page.getByRole('checkbox', { name: 'Approval Process' }).check();
      await page.getByRole('checkbox', { name: 'Dynamic Approval' }).check();
      await page.getByRole('textbox', { name: 'Annual limit' }).fill('5000.00');
      const created = (await resellerApi.get(`/organizations/${orgId}/settings`)).body.billingStartDate as string;
      const firstOfMonth = `${created.slice(0, 7)}-01`;
      await page.getByRole('button', { name: 'Billing Start Date' }).click();
      await page.getByRole('button', { name: new Date(`${firstOfMonth}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }), exact: true }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The organization settings are saved.').waitFor();
      await context.close();

      expect((await resellerApi.get(`/organizations/${orgId}/settings`)).body).toEqual({
        notificationEmail: `it@${domain}`,
        approvalRequired: true,
        dynamicApproval: { enabled: true, annualLimit: '5000.00' },
        billingStartDate: firstOfMonth,
      });
    });

    it('3: the reseller updates its properties: Notification Email and Support Email', async () => {
      const { page, context } = await opened(reseller.username, PASSWORD);
      await navigate(page, 'Reseller properties');
      const notification = page.getByRole('textbox', { name: 'Notification Email' });
      await notification.waitFor();
      expect(await notification.inputValue()).toBe(`first-${reseller.notificationEmail}`);
      await notification.fill(reseller.notificationEmail);
      await page.getByRole('button', { name: 'Update' }).click();
      await page.getByText('The reseller properties are saved.').waitFor();
      await context.close();
      const me = (await resellerApi.get('/me')).body as { resellerId: string };
      expect((await resellerApi.get(`/resellers/${me.resellerId}/properties`)).body).toEqual({ notificationEmail: reseller.notificationEmail, supportEmail: reseller.supportEmail });
    });

    it("1.2 and 1.3: the reseller opens the organization's users from its users column and adds its admin", async () => {
      const { page, context } = await opened(reseller.username, PASSWORD);
      await page.getByRole('link', { name: `Users of ${orgName}: 0` }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${orgId}/users`);
      await page.getByRole('link', { name: 'New user' }).click();
      await page.getByLabel('Username').fill('olga');
      await page.getByLabel('First name').fill('Olga');
      await page.getByLabel('Last name').fill('Admin');
      await page.getByLabel('Email').fill(orgAdmin.username);
      await page.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Organizational admin', exact: true }).click();
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(orgAdmin.password);
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${orgId}/users`);
      await page.getByRole('cell', { name: orgAdmin.username, exact: true }).waitFor();
      await context.close();
      orgAdminApi = await api().login(orgAdmin.username, orgAdmin.password);
      expect((await orgAdminApi.get('/me')).body).toMatchObject({ role: 'org_admin', organizationId: orgId });
    });

    it('1.3: the customer admin adds a user; a weak password is refused first, with the broken rules shown', async () => {
      const { page, context } = await opened(orgAdmin.username, orgAdmin.password);
      await page.waitForURL((url) => url.pathname === `/organizations/${orgId}/users`);
      await page.getByRole('link', { name: 'New user' }).click();
      await page.getByLabel('Username').fill(orgUser.localPart);
      await page.getByLabel('First name').fill('Erik');
      await page.getByLabel('Last name').fill('Lindqvist');
      await page.getByLabel('Email').fill(orgUser.username);
      await page.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Organizational user', exact: true }).click();
      const password = page.getByRole('textbox', { name: 'Password', exact: true });
      // Eight characters, lower case only and the first name in it.
      await password.fill('erikpass');
      const broken = await page.getByRole('list', { name: 'Password rules' }).locator('[data-met="false"]').allTextContents();
      expect(broken.length).toBeGreaterThanOrEqual(3);
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByText('Some fields need a change').waitFor();
      await password.fill(orgUser.password);
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${orgId}/users`);
      await page.getByRole('cell', { name: orgUser.username, exact: true }).waitFor();
      await context.close();
      await expect(api().login(orgUser.username, orgUser.password)).resolves.toBeInstanceOf(ApiClient);
    });

    it('1.3 and 1.5: the customer admin imports users from a Microsoft 365 export and disables two of them', async () => {
      const { page, context } = await opened(orgAdmin.username, orgAdmin.password);
      await page.getByRole('link', { name: 'Import users' }).click();
      await page.locator('input[type="file"]').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(microsoft365Export(domain, 5)) });
      await page.getByRole('button', { name: 'Import users' }).click();
      // The export's last row is the tenant's own admin, at a domain the organization does not have.
      await page.getByText('6 of 6 rows processed: 5 created, 1 failed.').waitFor({ timeout: 60_000 });
      const jobId = new URL(page.url()).searchParams.get('job')!;
      const job = (await orgAdminApi.get(`/organizations/${orgId}/user-import-jobs/${jobId}`)).body as { created: { id: string; username: string }[] };
      imported.push(...job.created);
      expect(imported.map((user) => user.username)).toEqual([1, 2, 3, 4, 5].map((n) => `person00${n}@${domain}`));

      // The Users list is a read model: it lists the imported users a moment after the job has made them.
      await eventually(async () => {
        const listed = (await orgAdminApi.get(`/organizations/${orgId}/users?limit=500`)).body.items as { id: string }[];
        return imported.every((user) => listed.some((item) => item.id === user.id)) ? true : undefined;
      }, 20_000, 'the imported users in the Users list');
      await navigate(page, 'Users');
      const [first, second, third] = imported;
      for (const user of [first!, second!]) await page.getByRole('checkbox', { name: `Select ${user.username}` }).check();
      await page.getByRole('button', { name: 'List actions' }).click();
      await page.getByRole('menuitem', { name: 'Disable account(s)' }).click();
      const rowOf = (username: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
      for (const user of [first!, second!]) await rowOf(user.username).getByText('Disabled', { exact: true }).first().waitFor();
      await context.close();
      const statuses = await Promise.all([first!, second!, third!].map(async (user) => (await orgAdminApi.get(`/organizations/${orgId}/users/${user.id}`)).body.status));
      expect(statuses).toEqual(['disabled', 'disabled', 'active']);
    });

    it('orders a service in the e-store above the Dynamic Approval limit: the page says it needs approval before and after', async () => {
      // The reseller's catalog and this organization's e-store (curation has its own browser tests).
      for (const [name, frequency, price] of [[product.name, 'monthly', '20.00'], [product.backup, 'annual', '60.00']] as const) {
        const created = await resellerApi.post('/catalog/products', { name, vendor: 'Contoso', sku: `SKU-${tag()}`, description: name, billingFrequency: frequency, price, cost: '1.00' });
        expect(created.status).toBe(201);
      }
      const products = (await eventually(async () => {
        const items = (await resellerApi.get('/catalog/products?limit=500')).body.items as { id: string; name: string }[];
        return items.length === 2 ? items : undefined;
      }, 15_000, 'the catalog')) as { id: string; name: string }[];
      expect((await resellerApi.request('PUT', `/organizations/${orgId}/store`, { products: products.map((p) => ({ productId: p.id })) })).status).toBe(200);

      const { page, context } = await opened(orgAdmin.username, orgAdmin.password);
      await navigate(page, 'E-store');
      await page.getByRole('button', { name: `Order ${product.name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Order ${product.name}` });
      // 25 x 20.00 a month is 6000.00 a year, above the limit of 5000.00.
      await dialog.getByRole('textbox', { name: 'Quantity' }).fill('25');
      await dialog.getByText('Needs approval', { exact: true }).waitFor();
      await dialog.getByRole('button', { name: 'Order' }).click();
      await dialog.getByText('Pending approval', { exact: true }).waitFor();
      await context.close();
      const backup = products.find((p) => p.name === product.backup)!;
      // Within the limit (60.00 a year), an order is approved at once: Dynamic Approval replaces the Approval Process.
      const second = await orgAdminApi.post(`/organizations/${orgId}/orders`, { productId: backup.id, quantity: 1 });
      expect([second.status, second.body.status]).toEqual([201, 'approved']);
    });

    it("the reseller opens the approval e-mail's link and approves; the requester gets the decision e-mail and its link", async () => {
      const request = await mailTo(reseller.notificationEmail, new RegExp(`^Approval needed: .*${product.name}.* for ${orgName}$`), 'the approval e-mail');
      const link = /https?:\/\/\S+\/approvals\/[0-9a-f-]+/.exec(request.text)![0];
      expect(link.startsWith(platform.openUrl)).toBe(true);
      transactionId = link.split('/').pop()!;

      const { page, context } = await opened(reseller.username, PASSWORD, new URL(link).pathname);
      await page.waitForURL((url) => url.pathname === `/approvals/${transactionId}`);
      await page.getByRole('heading', { name: 'Approval request' }).waitFor();
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('textbox', { name: 'Comment' }).fill('Welcome aboard');
      await page.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByRole('status').filter({ hasText: `Approved by you (${reseller.username})` }).waitFor();
      await context.close();

      const decision = await mailTo(orgAdmin.username, new RegExp(`^Approved: .*${product.name}.* for ${orgName}$`), 'the decision e-mail');
      const transactionLink = /https?:\/\/\S+\/organizations\/[0-9a-f-]+\/transactions\/[0-9a-f-]+/.exec(decision.text)![0];
      expect(transactionLink).toBe(`${platform.openUrl}/organizations/${orgId}/transactions/${transactionId}`);
      const customer = await opened(orgAdmin.username, orgAdmin.password, new URL(transactionLink).pathname);
      await customer.page.getByRole('status').filter({ hasText: 'Approved by an administrator of your provider at' }).waitFor();
      await customer.page.getByText('Welcome aboard', { exact: true }).waitFor();
      await customer.context.close();
    });

    it('the customer admin assigns licences and reads the billing report and its chart', async () => {
      const subscriptionsOf = async (client: ApiClient) => (await client.get(`/organizations/${orgId}/subscriptions?limit=500`)).body.items as { id: string; productName: string; assignedUserIds: string[] }[];
      await eventually(async () => ((await subscriptionsOf(orgAdminApi)).length === 2 ? true : undefined), 20_000, 'both subscriptions');
      const erik = ((await orgAdminApi.get(`/organizations/${orgId}/users?limit=500`)).body.items as { id: string; username: string }[]).find((u) => u.username === orgUser.username)!;

      const { page, context } = await opened(orgAdmin.username, orgAdmin.password);
      await navigate(page, 'My services');
      await page.getByRole('button', { name: `Manage ${product.name}` }).click();
      await page.getByRole('menuitem', { name: 'Assign licences' }).click();
      const assign = page.getByRole('dialog', { name: `Assign licences of ${product.name}` });
      const holders = assign.getByLabel('Licence holders', { exact: true });
      for (const username of [orgUser.username, imported[2]!.username]) {
        await holders.fill(username.slice(0, 8));
        await page.getByRole('option', { name: username }).click();
      }
      await assign.getByText('2 of 25 licences assigned').click();
      await assign.getByRole('button', { name: 'Save licences' }).click();
      await assign.getByText(`2 of 25 licences are assigned: ${orgUser.username}, ${imported[2]!.username}.`).waitFor();
      await assign.getByRole('button', { name: 'Close', exact: true }).click();
      const e3 = (await subscriptionsOf(orgAdminApi)).find((s) => s.productName === product.name)!;
      expect(e3.assignedUserIds).toEqual([erik.id, imported[2]!.id]);

      const month = new Date().toISOString().slice(0, 7);
      const report = await eventually(async () => {
        const body = (await orgAdminApi.get(`/organizations/${orgId}/billing/report?from=${month}&to=${month}&groupBy=service`)).body;
        return body.lines?.length === 2 ? body : undefined;
      }, 20_000, 'the billing report');
      await navigate(page, 'Billing report');
      await page.getByText(`Total: ${report.total} EUR`).waitFor();
      await page.locator('.recharts-surface').first().waitFor();
      expect(await page.locator('.recharts-bar-rectangle').count()).toBe(2);
      expect(await auditScreen(page, 'walkthrough-billing-report')).toEqual([]);
      await context.close();
    });

    it('an org user sees only their own services', async () => {
      const { page, context } = await opened(orgUser.username, orgUser.password);
      await page.getByRole('heading', { name: 'My services', level: 2 }).waitFor();
      await page.getByRole('cell', { name: product.name, exact: true }).waitFor();
      expect(await page.getByRole('cell', { name: product.backup, exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Manage / }).count()).toBe(0);
      await context.close();
      const own = (await (await api().login(orgUser.username, orgUser.password)).get(`/organizations/${orgId}/subscriptions`)).body.items as { productName: string }[];
      expect(own.map((s) => s.productName)).toEqual([product.name]);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn, PHONE, settled } from './portal-browser';
import type { PortalWorld } from './portal-world';

/**
 * The web portal in Debian's Chromium against the running platform (served by the gateway at `/`): login and its
 * refusals, each role's start screen, the reseller's Organizations and organization settings, the customer admin's
 * Users with Disable, logout, session expiry and the e-mail links. Every screen is checked with axe-core (no
 * serious or critical violation) and photographed into docs/screenshots/.
 */
export function portalBasicsScenarios(world: PortalWorld): void {
  describe('web portal (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
    let resellerUsername: string;
    let reseller: ApiClient;
    let org: Org;
    let orgName: string;
    let orgAdminUsername: string;
    let orgAdmin: ApiClient;
    const members: { id: string; username: string }[] = [];

    beforeAll(async () => {
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      resellerUsername = (await registerReseller(platformAdmin, 'portal')).username;
      reseller = await anonymous().login(resellerUsername, PASSWORD);
      org = await createOrganization(reseller);
      orgName = `Org ${org.domain}`;
      orgAdminUsername = `anna${tag()}@${org.domain}`;
      const created = await reseller.post(`/organizations/${org.id}/users`, { username: orgAdminUsername, firstName: 'Anna', lastName: 'Admin', email: orgAdminUsername, role: 'org_admin', password: PASSWORD });
      expect(created.status).toBe(201);
      orgAdmin = await anonymous().login(orgAdminUsername, PASSWORD);
      for (const firstName of ['Bert', 'Carla', 'Dmitri']) {
        const username = `${firstName.toLowerCase()}${tag()}@${org.domain}`;
        const user = await orgAdmin.post(`/organizations/${org.id}/users`, { username, firstName, lastName: 'Member', email: username, role: 'org_user', password: PASSWORD });
        expect(user.status).toBe(201);
        members.push({ id: user.body.id as string, username });
      }
      // The users list is a read model: wait until it shows them all.
      await eventually(async () => ((await orgAdmin.get(`/organizations/${org.id}/users`)).body.items.length === 4 ? true : undefined), 15_000, 'the users list');
    });


    afterEach(() => {
      // A CSP refusal or a script error on any page fails the test that caused it; refusals the tests provoke (400,
      // 401, 412) are logged by the browser as failed loads and shown by the page.
      expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of 4(00|01|12)/.test(line))).toEqual([]);
      browser.consoleErrors.length = 0;
    });

    it('serves the portal at / with index.html uncached and hashed assets cached for long, and leaves the API alone', async () => {
      const page = await fetch(`${origin()}/organizations/${org.id}/users`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
      const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"><\/script>/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${origin()}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // The API and its documents answer as before; an unknown path is not the portal's.
      expect((await fetch(`${platform.baseUrl}/health`)).headers.get('content-type')).toMatch(/json/);
      expect((await fetch(`${platform.baseUrl}/organizations`)).status).toBe(401);
      expect((await fetch(`${origin()}/api/docs-json`)).headers.get('content-type')).toMatch(/json/);
      expect((await fetch(`${origin()}/not-a-portal-page`)).status).toBe(404);
    });

    it("refuses a wrong password with the API's message on the login page", async () => {
      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login`);
      expect(await auditScreen(page, 'login')).toEqual([]);
      const refusal = await anonymous().post('/auth/login', { username: resellerUsername, password: 'not-the-password' });
      expect(refusal.status).toBe(401);
      await logIn(page, resellerUsername, 'not-the-password');
      await expect(page.getByRole('alert').textContent()).resolves.toContain(refusal.body.detail as string);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await auditScreen(page, 'login-refused')).toEqual([]);
      await context.close();
    });

    it('opens an e-mail link after sign-in: /login first, then the linked screen', async () => {
      const transactionId = randomUUID();
      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/approvals/${transactionId}`);
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/approvals/${transactionId}`);
      await logIn(page, resellerUsername, PASSWORD);
      await page.waitForURL((url) => url.pathname === `/approvals/${transactionId}`);
      await page.getByRole('heading', { name: 'Approval request' }).waitFor();
      expect(await auditScreen(page, 'approval-link')).toEqual([]);

      await page.goto(`${origin()}/organizations/${org.id}/transactions/${transactionId}`);
      await page.getByRole('heading', { name: 'Transaction' }).waitFor();
      await context.close();
    });

    it('lets the reseller open Organizations, its Users, and set Approval Process, Dynamic Approval and Billing Start Date', async () => {
      const before = (await reseller.get(`/organizations/${org.id}/settings`)).body;
      expect(before).toMatchObject({ approvalRequired: false, dynamicApproval: { enabled: false } });
      const firstOfMonth = `${(before.billingStartDate as string).slice(0, 7)}-01`;
      const dayLabel = new Date(`${firstOfMonth}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login`);
      await logIn(page, resellerUsername, PASSWORD);
      // The reseller's start screen is its Organizations.
      await page.waitForURL((url) => url.pathname === '/organizations');
      await page.getByRole('link', { name: `Users of ${orgName}: 4` }).waitFor();
      expect(await auditScreen(page, 'organizations')).toEqual([]);

      await page.getByRole('link', { name: `Users of ${orgName}: 4` }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users`);
      await page.getByRole('heading', { name: `Users of ${orgName}` }).waitFor();
      await page.getByRole('cell', { name: members[0]!.username, exact: true }).waitFor();

      await page.goBack();
      await page.getByRole('link', { name: `Edit ${orgName}` }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}`);
      await page.getByLabel('Notification Email').waitFor();
      await page.getByRole('button', { name: 'More' }).click();
      // The panel opens with a transition: what is ticked before it ends would land in a box of its old height.
      await settled(page);
      const limit = page.getByRole('textbox', { name: 'Annual limit' });
      // The annual limit shows only while Dynamic Approval is ticked.
      expect(await limit.count()).toBe(0);
      await page.getByRole('checkbox', { name: 'Approval Process' }).check();
      await page.getByRole('checkbox', { name: 'Dynamic Approval' }).check();
      await limit.waitFor();
      expect(await auditScreen(page, 'organization-settings')).toEqual([]);

      // The API's field error appears next to its field: EUR has two decimals.
      await limit.fill('2500.125');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText(/annualLimit|decimals/i).first().waitFor();
      expect(await limit.getAttribute('aria-invalid')).toBe('true');
      expect(await auditScreen(page, 'organization-settings-field-error')).toEqual([]);

      await limit.fill('2500.00');
      await page.getByRole('button', { name: 'Billing Start Date' }).click();
      await page.getByRole('button', { name: dayLabel, exact: true }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The organization settings are saved.').waitFor();

      const after = (await reseller.get(`/organizations/${org.id}/settings`)).body;
      expect(after).toEqual({
        notificationEmail: `it@${org.domain}`,
        approvalRequired: true,
        dynamicApproval: { enabled: true, annualLimit: '2500.00' },
        billingStartDate: firstOfMonth,
      });
      await context.close();
    });

    it('lets the customer admin tick two users and disable them, with each row’s result, at phone width too', async () => {
      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login`);
      await logIn(page, orgAdminUsername, PASSWORD);
      // An organization admin starts at its organization's Users.
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users`);
      await page.getByRole('cell', { name: members[1]!.username, exact: true }).waitFor();
      expect(await auditScreen(page, 'users')).toEqual([]);

      const [bert, carla, dmitri] = members;
      await page.getByRole('checkbox', { name: `Select ${bert!.username}` }).check();
      await page.getByRole('checkbox', { name: `Select ${carla!.username}` }).check();
      await page.getByRole('button', { name: 'List actions' }).click();
      await page.getByRole('menuitem', { name: 'Disable account(s)' }).click();
      const rowOf = (username: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
      await rowOf(bert!.username).getByText('Disabled', { exact: true }).first().waitFor();
      await rowOf(carla!.username).getByRole('cell', { name: 'Disabled' }).last().waitFor();
      expect(await rowOf(dmitri!.username).getByText('Disabled').count()).toBe(0);
      expect(await auditScreen(page, 'users-disabled')).toEqual([]);

      for (const member of [bert!, carla!]) expect((await orgAdmin.get(`/organizations/${org.id}/users/${member.id}`)).body.status).toBe('disabled');
      expect((await orgAdmin.get(`/organizations/${org.id}/users/${dmitri!.id}`)).body.status).toBe('active');
      await expect(anonymous().login(bert!.username, PASSWORD)).rejects.toThrow(/401/);
      await context.close();

      const phone = await browser.newPage(PHONE);
      await phone.page.goto(`${origin()}/login`);
      await logIn(phone.page, orgAdminUsername, PASSWORD);
      await phone.page.getByRole('cell', { name: dmitri!.username, exact: true }).waitFor();
      await phone.page.getByRole('button', { name: 'Toggle navigation' }).waitFor();
      expect(await auditScreen(phone.page, 'users-phone')).toEqual([]);
      await phone.context.close();
    });

    it('saves nothing over a change made meanwhile (If-Match): the page says so', async () => {
      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login?next=${encodeURIComponent(`/organizations/${org.id}`)}`);
      await logIn(page, resellerUsername, PASSWORD);
      const email = page.getByRole('textbox', { name: 'Notification Email' });
      await email.waitFor();
      // Someone else changes the settings after the page read them.
      const current = (await reseller.get(`/organizations/${org.id}/settings`)).body;
      const elsewhere = { ...current, notificationEmail: `elsewhere@${org.domain}`, dynamicApproval: { enabled: current.dynamicApproval.enabled, annualLimit: current.dynamicApproval.annualLimit } };
      expect((await reseller.request('PUT', `/organizations/${org.id}/settings`, elsewhere)).status).toBe(200);
      await email.fill(`page@${org.domain}`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: 'Someone changed these settings meanwhile' }).waitFor();
      expect((await reseller.get(`/organizations/${org.id}/settings`)).body.notificationEmail).toBe(`elsewhere@${org.domain}`);
      await context.close();
    });

    it("pages Organizations by the API's cursor: Next page and Previous page", async () => {
      // 25 a page: 26 organizations make two pages.
      for (let i = 0; i < 25; i++) await createOrganization(reseller);
      await eventually(async () => ((await reseller.get('/organizations?limit=500')).body.items.length === 26 ? true : undefined), 20_000, 'the organizations list');
      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login`);
      await logIn(page, resellerUsername, PASSWORD);
      await page.waitForURL((url) => url.pathname === '/organizations');
      const editLinks = page.getByRole('link', { name: /^Edit Org / });
      const rowsShown = (count: number) => eventually(async () => ((await editLinks.count()) === count ? true : undefined), 10_000, `${count} organizations shown`);
      await page.getByText('Page 1', { exact: true }).waitFor();
      await rowsShown(25);
      const firstPage = await editLinks.allTextContents();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2', { exact: true }).waitFor();
      await rowsShown(1);
      expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.getByText('Page 1', { exact: true }).waitFor();
      await rowsShown(25);
      expect(await editLinks.allTextContents()).toEqual(firstPage);
      await context.close();
    });

    it('logs out to /login, and a page behind the login then asks for it again', async () => {
      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login`);
      await logIn(page, orgAdminUsername, PASSWORD);
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users`);
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      await page.goto(`${origin()}/organizations/${org.id}/users`);
      await page.waitForURL((url) => url.pathname === '/login');
      await context.close();
    });

    it('keeps a session across a reload and, once it has ended on the server, goes back to /login keeping the wanted URL', async () => {
      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login`);
      await logIn(page, resellerUsername, PASSWORD);
      await page.waitForURL((url) => url.pathname === '/organizations');
      // The access token is in memory only; the refresh token starts a new one after a reload.
      await page.reload();
      // 26 organizations by now, sorted by name: 50 a page shows this one wherever its random name sorts.
      await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('50');
      await page.getByRole('link', { name: `Edit ${orgName}` }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/organizations');

      // Every session of the reseller ends (sign out everywhere from elsewhere): the next call is refused, the
      // refresh too, and the page returns to /login with the screen it was on.
      const elsewhere = await anonymous().login(resellerUsername, PASSWORD);
      expect((await elsewhere.post('/auth/logout', { everywhere: true })).status).toBe(204);
      await page.getByRole('link', { name: `Edit ${orgName}` }).click();
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/organizations/${org.id}`);
      await page.getByText('Your session has ended').waitFor();
      await logIn(page, resellerUsername, PASSWORD);
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}`);
      await context.close();
    });
  });
}

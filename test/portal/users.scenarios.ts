import type { Locator, Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn, PHONE } from './portal-browser';
import type { PortalWorld } from './portal-world';

/**
 * The customer's user screens in Debian's Chromium against the running platform: New user with the domain selector
 * and live password rules (a weak password refused with every broken rule), the users list's row actions (Edit,
 * Change password, Assign services, Delete), My account's own password, and the support request form. Each result
 * is checked through the API; every screen with axe-core.
 */
export function usersScenarios(world: PortalWorld): void {
  describe('portal: users, my account and support (browser, end to end)', () => {
    const { platform, browser } = world;
    const receiver = world.mail;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
    let supportEmail: string;
    let reseller: ApiClient;
    let org: Org;
    let adminUsername: string;
    let orgAdmin: ApiClient;

    const usersOf = async () => (await orgAdmin.get(`/organizations/${org.id}/users?limit=500`)).body.items as Record<string, any>[];
    const userWhen = (check: (users: Record<string, any>[]) => Record<string, any> | undefined, what: string) =>
      eventually(async () => check(await usersOf()), 15_000, what);
    const signedIn = async (username: string, password = PASSWORD, viewport?: typeof PHONE) => {
      const { page, context } = await browser.newPage(viewport);
      await page.goto(`${origin()}/login`);
      await logIn(page, username, password);
      await page.waitForURL((url) => url.pathname !== '/login');
      return { page, context };
    };
    /** The messages a field shows under it (Mantine links them by aria-describedby). */
    const errorsOf = async (page: Page, input: Locator) => {
      const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      return ids.length === 0 ? [] : page.locator(`[id="${ids[0]}"] > span`).allTextContents();
    };
    const rowOf = (page: Page, username: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });

    /** A product of the reseller's in the organization's store, ordered (two licences, no approval needed). */
    const orderService = async () => {
      const product = await reseller.post('/catalog/products', { name: `Backup ${tag()}`, vendor: 'Contoso Software', sku: `SKU-${tag()}`, description: 'Cloud backup', billingFrequency: 'monthly', price: '10.00', cost: '6.00' });
      expect(product.status).toBe(201);
      const store = (await reseller.get(`/organizations/${org.id}/store`)).body.items as { productId: string }[];
      const products = [...store.map(({ productId }) => ({ productId })), { productId: product.body.id as string }];
      expect((await reseller.request('PUT', `/organizations/${org.id}/store`, { products })).status).toBe(200);
      const ordered = await orgAdmin.post(`/organizations/${org.id}/orders`, { productId: product.body.id, quantity: 2 });
      expect([ordered.status, ordered.body.status]).toEqual([201, 'approved']);
      const subscriptionOf = async () => ((await orgAdmin.get(`/organizations/${org.id}/subscriptions?limit=500`)).body.items as Record<string, any>[]).find((s) => s.productId === product.body.id);
      await eventually(subscriptionOf, 15_000, 'the subscription');
      return { product: product.body as { id: string; name: string }, subscriptionOf };
    };

    beforeAll(async () => {
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      const registered = await registerReseller(platformAdmin, 'users');
      supportEmail = (await platformAdmin.get(`/resellers/${registered.id}/properties`)).body.supportEmail as string;
      reseller = await anonymous().login(registered.username, PASSWORD);
      org = await createOrganization(reseller);
      adminUsername = `olga${tag()}@${org.domain}`;
      const created = await reseller.post(`/organizations/${org.id}/users`, { username: adminUsername, firstName: 'Olga', lastName: 'Admin', email: adminUsername, role: 'org_admin', password: PASSWORD });
      expect(created.status).toBe(201);
      orgAdmin = await anonymous().login(adminUsername, PASSWORD);
    });


    afterEach(() => {
      // The refusals the tests provoke (400) are logged by the browser as failed loads and shown by the page.
      expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of 400/.test(line))).toEqual([]);
      browser.consoleErrors.length = 0;
    });

    it('creates a user at one of the domains; a weak password sent anyway is refused with every broken rule, as the page showed live', async () => {
      const { page, context } = await signedIn(adminUsername);
      await page.getByRole('link', { name: 'New user' }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users/new`);
      await page.getByRole('heading', { name: 'New user' }).waitFor();
      expect(await page.getByRole('combobox', { name: 'Domain' }).inputValue()).toBe(`@${org.domain}`);

      const localPart = `erik${tag()}`;
      const username = `${localPart}@${org.domain}`;
      await page.getByLabel('Username').fill(localPart);
      await page.getByLabel('First name').fill('Erik');
      await page.getByLabel('Last name').fill('Lindqvist');
      await page.getByLabel('Email').fill(username);
      await page.getByLabel('Cost centre').fill(' Research ');
      await page.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Organizational billing admin' }).click();
      // Lower case only, with the first name in it: the rules it breaks are crossed out as it is typed.
      const weak = 'erikpass';
      const passwordBox = page.getByRole('textbox', { name: 'Password', exact: true });
      await passwordBox.fill(weak);
      const rules = page.getByRole('list', { name: 'Password rules' });
      const brokenLive = await rules.locator('[data-met="false"]').allTextContents();
      expect(await auditScreen(page, 'new-user')).toEqual([]);

      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByText('Some fields need a change').waitFor();
      const shown = await errorsOf(page, passwordBox);
      // The same request through the API: the page shows exactly its messages, and they are the rules crossed out live.
      const refusal = await orgAdmin.post(`/organizations/${org.id}/users`, { username, firstName: 'Erik', lastName: 'Lindqvist', email: username, role: 'org_billing_admin', password: weak });
      expect(refusal.status).toBe(400);
      const serverMessages = (refusal.body.errors as { field: string; message: string }[]).filter((e) => e.field === 'password').map((e) => e.message);
      expect(serverMessages.length).toBeGreaterThanOrEqual(3);
      expect(shown).toEqual(serverMessages);
      expect(brokenLive.map((line) => line.replace(/^✗ Not met: /, ''))).toEqual(serverMessages);
      expect(await auditScreen(page, 'new-user-weak-password')).toEqual([]);

      await passwordBox.fill('Kv7#mbqTzw');
      expect(await rules.locator('[data-met="false"]').count()).toBe(0);
      await page.getByRole('button', { name: 'Create' }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users`);

      const user = await userWhen((users) => users.find((u) => u.username === username), 'the new user in the list');
      expect(user).toMatchObject({ firstName: 'Erik', lastName: 'Lindqvist', email: username, role: 'org_billing_admin', status: 'active', costCentre: 'Research' });
      await expect(anonymous().login(username, 'Kv7#mbqTzw')).resolves.toBeInstanceOf(ApiClient);
      await context.close();
    });

    it('edits a user, changes their password, assigns services up to the quantity and deletes a user from the row actions', async () => {
      const { product, subscriptionOf } = await orderService();
      const subscription = await subscriptionOf();

      const member = async (firstName: string) => {
        const username = `${firstName.toLowerCase()}${tag()}@${org.domain}`;
        const created = await orgAdmin.post(`/organizations/${org.id}/users`, { username, firstName, lastName: 'Member', email: username, role: 'org_user', password: PASSWORD });
        expect(created.status).toBe(201);
        return { id: created.body.id as string, username };
      };
      const frida = await member('Frida');
      const gustav = await member('Gustav');
      const hanna = await member('Hanna');
      await userWhen((users) => (users.some((u) => u.id === hanna.id) ? users : undefined), 'the new members in the list');

      const { page, context } = await signedIn(adminUsername);
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users`);
      const openAction = async (username: string, action: string) => {
        await rowOf(page, username).getByRole('button', { name: `Actions for ${username}` }).click();
        await page.getByRole('menuitem', { name: action }).click();
        // The menu closes with a transition; audited half-closed it is a menu without items (a false finding).
        await page.getByRole('menu').waitFor({ state: 'detached' });
      };

      // By keyboard: Enter on a row's Actions opens its menu (mounted on that first press); Escape closes it and gives
      // focus back to the same button.
      const gustavActions = rowOf(page, gustav.username).getByRole('button', { name: `Actions for ${gustav.username}` });
      await gustavActions.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('menuitem', { name: 'Assign services' }).waitFor();
      // Escape reaches the menu only once it holds the focus (it takes it as its opening transition ends).
      await page.waitForFunction(`document.activeElement?.closest('[role="menu"]') != null`);
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'detached' });
      expect(await page.evaluate<string | null>(`document.activeElement?.getAttribute('aria-label') ?? null`)).toBe(`Actions for ${gustav.username}`);

      // Edit
      await openAction(frida.username, 'Edit');
      const edit = page.getByRole('dialog', { name: `Edit ${frida.username}` });
      await edit.getByLabel('Last name').fill('Nilsson');
      await edit.getByLabel('Cost centre').fill('Sales');
      await edit.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Organizational view only admin' }).click();
      expect(await auditScreen(page, 'users-edit')).toEqual([]);
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'detached' });
      expect((await orgAdmin.get(`/organizations/${org.id}/users/${frida.id}`)).body).toMatchObject({ firstName: 'Frida', lastName: 'Nilsson', role: 'org_viewer', costCentre: 'Sales' });

      // Change password: a weak one is refused with the server's rules, a good one works at the next login.
      await openAction(frida.username, 'Change password');
      const change = page.getByRole('dialog', { name: `Change password of ${frida.username}` });
      const newPassword = change.getByRole('textbox', { name: 'New password', exact: true });
      await newPassword.fill('frida123');
      await change.getByRole('button', { name: 'Change password' }).click();
      await change.getByText('The password breaks the rules shown next to it.').waitFor();
      const refusal = await orgAdmin.request('PUT', `/organizations/${org.id}/users/${frida.id}/password`, { password: 'frida123' });
      expect(refusal.status).toBe(400);
      expect(await errorsOf(page, newPassword)).toEqual((refusal.body.errors as { message: string }[]).map((e) => e.message));
      expect(await auditScreen(page, 'users-change-password')).toEqual([]);
      await newPassword.fill('Zt5%qwerty9');
      await change.getByRole('button', { name: 'Change password' }).click();
      await change.waitFor({ state: 'detached' });
      await expect(anonymous().login(frida.username, 'Zt5%qwerty9')).resolves.toBeInstanceOf(ApiClient);

      // Assign services: Frida and Gustav take the two licences; then none is left for Hanna.
      for (const holder of [frida, gustav]) {
        await openAction(holder.username, 'Assign services');
        const assign = page.getByRole('dialog', { name: `Assign services to ${holder.username}` });
        await assign.getByRole('checkbox', { name: product.name }).check();
        if (holder === frida) expect(await auditScreen(page, 'users-assign-services')).toEqual([]);
        await assign.getByRole('button', { name: 'Save' }).click();
        await assign.waitFor({ state: 'detached' });
      }
      const assigned = await eventually(async () => {
        const current = await subscriptionOf();
        return current?.assignedUserIds.length === 2 ? current : undefined;
      }, 15_000, 'two licences assigned');
      expect(assigned!.assignedUserIds).toEqual([frida.id, gustav.id]);
      expect(assigned!.id).toBe(subscription!.id);
      await openAction(hanna.username, 'Assign services');
      const full = page.getByRole('dialog', { name: `Assign services to ${hanna.username}` });
      await full.getByText('2 of 2 licences assigned: none left').waitFor();
      expect(await full.getByRole('checkbox', { name: product.name }).isDisabled()).toBe(true);
      await full.getByRole('button', { name: 'Cancel' }).click();

      // The services column counts them (the list is a read model).
      await userWhen((users) => (users.find((u) => u.id === gustav.id)?.servicesCount === 1 ? users : undefined), 'servicesCount 1');
      await page.reload();
      await rowOf(page, frida.username).getByRole('cell', { name: '1', exact: true }).waitFor();
      expect(await rowOf(page, hanna.username).getByRole('cell', { name: '0', exact: true }).count()).toBe(1);

      // Delete, after a confirmation.
      await openAction(hanna.username, 'Delete');
      const confirm = page.getByRole('dialog', { name: 'Delete user' });
      await confirm.getByText(`Delete ${hanna.username} (Hanna Member)?`).waitFor();
      expect(await auditScreen(page, 'users-delete')).toEqual([]);
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await confirm.waitFor({ state: 'detached' });
      expect((await orgAdmin.get(`/organizations/${org.id}/users/${hanna.id}`)).status).toBe(404);
      await context.close();
    });

    it('changes my own password on My account, with the same live rules; a weak one is refused with the server\'s messages', async () => {
      const username = `ines${tag()}@${org.domain}`;
      expect((await orgAdmin.post(`/organizations/${org.id}/users`, { username, firstName: 'Ines', lastName: 'Ortega', email: username, role: 'org_user', password: PASSWORD })).status).toBe(201);
      const { page, context } = await signedIn(username);
      await page.getByRole('link', { name: 'My account' }).click();
      await page.waitForURL((url) => url.pathname === '/account');
      await page.getByRole('heading', { name: 'My account' }).waitFor();
      await page.getByRole('main').getByText('Ines Ortega', { exact: true }).waitFor();

      const current = page.getByRole('textbox', { name: 'Current password', exact: true });
      const next = page.getByRole('textbox', { name: 'New password', exact: true });
      const repeat = page.getByRole('textbox', { name: 'Repeat the new password', exact: true });
      const weak = 'ortega2026';
      await current.fill(PASSWORD);
      await next.fill(weak);
      await repeat.fill(weak);
      const brokenLive = await page.getByRole('list', { name: 'Password rules' }).locator('[data-met="false"]').allTextContents();
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Some fields need a change').waitFor();
      const refusal = await (await anonymous().login(username, PASSWORD)).request('PUT', '/me/password', { currentPassword: PASSWORD, newPassword: weak });
      expect(refusal.status).toBe(400);
      const serverMessages = (refusal.body.errors as { field: string; message: string }[]).filter((e) => e.field === 'newPassword').map((e) => e.message);
      expect(serverMessages.length).toBeGreaterThanOrEqual(2);
      expect(await errorsOf(page, next)).toEqual(serverMessages);
      expect(brokenLive.map((line) => line.replace(/^✗ Not met: /, ''))).toEqual(serverMessages);
      expect(await auditScreen(page, 'my-account-weak-password')).toEqual([]);

      await next.fill('Wq8&plmokn');
      await repeat.fill('Wq8&plmokn');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Log in with your new password from now on.').waitFor();
      await expect(anonymous().login(username, 'Wq8&plmokn')).resolves.toBeInstanceOf(ApiClient);
      expect((await anonymous().post('/auth/login', { username, password: PASSWORD })).status).toBe(401);
      await context.close();

      const phone = await signedIn(username, 'Wq8&plmokn', PHONE);
      await phone.page.goto(`${origin()}/account`);
      await phone.page.getByRole('heading', { name: 'Change password' }).waitFor();
      expect(await auditScreen(phone.page, 'my-account-phone')).toEqual([]);
      await phone.context.close();
    });

    it('sends a support request about one of the services; the reseller\'s Support Email receives it', async () => {
      const { product, subscriptionOf } = await orderService();
      const subscription = await subscriptionOf();
      const { page, context } = await signedIn(adminUsername);
      await page.getByRole('link', { name: 'Support request' }).click();
      await page.waitForURL((url) => url.pathname === '/support');
      const subject = `Backup fails ${tag()}`;
      await page.getByLabel('Subject').fill(subject);
      await page.getByLabel('Message').fill('Every nightly job ends with error 0x80070005.');
      await page.getByRole('combobox', { name: 'Service' }).click();
      await page.getByRole('option', { name: `${product.name} (2)` }).click();
      expect(await auditScreen(page, 'support-request')).toEqual([]);
      await page.getByRole('button', { name: 'Send' }).click();
      const sent = page.getByRole('status').filter({ hasText: 'Support request sent' });
      await sent.waitFor();
      const reference = /Your reference is ([0-9a-f-]{36})/.exec((await sent.textContent()) ?? '')?.[1];
      expect(reference).toBeDefined();
      expect(await auditScreen(page, 'support-request-sent')).toEqual([]);

      const [mail] = await receiver.waitFor((m) => m.envelopeTo.includes(supportEmail) && m.text.includes(reference!), { timeoutMs: 30_000, what: 'the support e-mail' });
      expect(mail!.subject).toContain(subject);
      expect(mail!.text).toContain(subscription!.id);
      expect(mail!.text).toContain('Every nightly job ends with error 0x80070005.');
      await context.close();
    });
  });
}

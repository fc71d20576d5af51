import type { Locator, Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn, PHONE } from './portal-browser';
import type { PortalWorld } from './portal-world';

/**
 * The reseller's console in Debian's Chromium against the running platform: New organization, Reseller properties,
 * the Catalog (add and edit products), an organization's e-store with organization prices, and the platform admin's
 * Resellers. Each test drives the page as a person would, then reads the result through the API; every screen is
 * checked with axe-core and photographed.
 */
export function resellerConsoleScenarios(world: PortalWorld): void {
  describe('reseller console (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
    let platformAdmin: ApiClient;
    let resellerUsername: string;
    let resellerId: string;
    let reseller: ApiClient;
    let org: Org;

    beforeAll(async () => {
      platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      ({ id: resellerId, username: resellerUsername } = await registerReseller(platformAdmin, 'console'));
      reseller = await anonymous().login(resellerUsername, PASSWORD);
      org = await createOrganization(reseller);
    });


    afterEach(() => {
      // Refusals the tests provoke (400, 409, 412) are logged by the browser as failed loads and shown by the page.
      expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of 4(00|09|12)/.test(line))).toEqual([]);
      browser.consoleErrors.length = 0;
    });

    async function signedIn(username: string, path: string, viewport?: typeof PHONE) {
      const opened = await browser.newPage(viewport);
      await opened.page.goto(`${origin()}/login?next=${encodeURIComponent(path)}`);
      await logIn(opened.page, username, PASSWORD);
      await opened.page.waitForURL((url) => url.pathname === path);
      return opened;
    }

    /** The field shows this message under it and is marked invalid. */
    async function expectFieldError(page: Page, field: Locator, message: string) {
      await page.getByText(message, { exact: true }).waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
    }

    it("serves the console's screens at their own addresses (a reload or a link opens them)", async () => {
      for (const path of ['/reseller/properties', '/catalog', `/organizations/${org.id}/store-curation`, '/resellers']) {
        const answer = await fetch(`${origin()}${path}`);
        expect([path, answer.status, answer.headers.get('content-type')]).toEqual([path, 200, expect.stringMatching(/^text\/html/)]);
      }
    });

    it('creates an organization from Organizations, with the API’s field errors next to the fields, and lists it', async () => {
      const domain = `new${tag()}.example`;
      const name = `Fabrikam ${domain}`;
      // What the API answers for a bad e-mail and for a primary domain another organization has.
      const badEmail = await reseller.post('/organizations', { name, primaryDomain: domain, notificationEmail: 'not-an-email' });
      expect(badEmail.status).toBe(400);
      const emailMessage = (badEmail.body.errors as { field: string; message: string }[]).find((error) => error.field === 'notificationEmail')!.message;
      const taken = await reseller.post('/organizations', { name, primaryDomain: org.domain, notificationEmail: `it@${domain}` });
      expect(taken.status).toBe(409);

      const { page, context } = await signedIn(resellerUsername, '/organizations');
      await page.getByRole('button', { name: 'New organization' }).click();
      const dialog = page.getByRole('dialog', { name: 'New organization' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
      await dialog.getByRole('textbox', { name: 'Primary domain' }).fill(domain);
      const email = dialog.getByRole('textbox', { name: 'Notification Email' });
      await email.fill('not-an-email');
      expect(await auditScreen(page, 'organization-new')).toEqual([]);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expectFieldError(page, email, emailMessage);
      expect(await auditScreen(page, 'organization-new-field-error')).toEqual([]);

      await email.fill(`it@${domain}`);
      const primaryDomain = dialog.getByRole('textbox', { name: 'Primary domain' });
      await primaryDomain.fill(org.domain);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expectFieldError(page, primaryDomain, taken.body.detail as string);

      await primaryDomain.fill(domain);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The list is a read model; the page asks again until it shows the new organization.
      await page.getByRole('link', { name: `Edit ${name}` }).waitFor();

      const listed = (await reseller.get('/organizations?limit=500')).body.items as { id: string; name: string }[];
      const created = listed.find((organization) => organization.name === name);
      expect(created).toBeDefined();
      expect((await reseller.get(`/organizations/${created!.id}`)).body).toMatchObject({ name, primaryDomain: domain, notificationEmail: `it@${domain}` });
      await context.close();
    });

    it('shows and updates the Reseller properties: Notification Email and Support Email', async () => {
      const before = (await reseller.get(`/resellers/${resellerId}/properties`)).body;
      const { page, context } = await signedIn(resellerUsername, '/organizations');
      await page.getByRole('link', { name: 'Reseller properties' }).click();
      await page.waitForURL((url) => url.pathname === '/reseller/properties');
      // The active link under the pointer keeps AA contrast too (it once fell below it): audited while hovered.
      await page.getByRole('link', { name: 'Reseller properties' }).hover();
      const notification = page.getByRole('textbox', { name: 'Notification Email' });
      const support = page.getByRole('textbox', { name: 'Support Email' });
      await notification.waitFor();
      expect(await notification.inputValue()).toBe(before.notificationEmail);
      expect(await support.inputValue()).toBe(before.supportEmail);
      expect(await auditScreen(page, 'reseller-properties')).toEqual([]);

      const refused = await reseller.request('PUT', `/resellers/${resellerId}/properties`, { notificationEmail: before.notificationEmail, supportEmail: 'support at example' });
      expect(refused.status).toBe(400);
      await support.fill('support at example');
      await page.getByRole('button', { name: 'Update' }).click();
      await expectFieldError(page, support, (refused.body.errors as { message: string }[])[0]!.message);

      const suffix = tag();
      await notification.fill(`approvals-${suffix}@console.example`);
      await support.fill(`help-${suffix}@console.example`);
      await page.getByRole('button', { name: 'Update' }).click();
      await page.getByText('The reseller properties are saved.').waitFor();
      expect((await reseller.get(`/resellers/${resellerId}/properties`)).body).toEqual({
        notificationEmail: `approvals-${suffix}@console.example`,
        supportEmail: `help-${suffix}@console.example`,
      });
      await context.close();
    });

    it('adds a product to the Catalog (price and cost), refuses a price with too many decimals next to it, and edits only what changed', async () => {
      const sku = `E3-${tag()}`;
      const product = { name: 'Microsoft 365 E3', vendor: 'Microsoft', sku, description: 'Office apps, e-mail and Teams', billingFrequency: 'annual', price: '10.505', cost: '8.00' };
      const refused = await reseller.post('/catalog/products', product);
      expect(refused.status).toBe(400);
      const priceMessage = (refused.body.errors as { field: string; message: string }[]).find((error) => error.field === 'price')!.message;

      const { page, context } = await signedIn(resellerUsername, '/catalog');
      await page.getByText('No products yet: add the first one').waitFor();
      expect(await auditScreen(page, 'catalog-empty')).toEqual([]);
      await page.getByRole('button', { name: 'Add product' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add product' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(product.name);
      await dialog.getByRole('textbox', { name: 'Vendor' }).fill(product.vendor);
      await dialog.getByRole('textbox', { name: 'SKU' }).fill(product.sku);
      await dialog.getByRole('textbox', { name: 'Description' }).fill(product.description);
      await dialog.getByRole('combobox', { name: 'Billing frequency' }).selectOption('annual');
      const price = dialog.getByRole('textbox', { name: 'Price (EUR)' });
      await price.fill(product.price);
      await dialog.getByRole('textbox', { name: 'Cost (EUR)' }).fill(product.cost);
      await dialog.getByRole('button', { name: 'Add' }).click();
      await expectFieldError(page, price, priceMessage);
      expect(await auditScreen(page, 'catalog-add-product')).toEqual([]);
      await price.fill('10.50');
      await dialog.getByRole('button', { name: 'Add' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: product.name, exact: true }) });
      await row.getByRole('cell', { name: '10.50 EUR' }).waitFor();
      // The confirmation goes by itself; axe would judge its text while it fades out.
      await page.getByText(`${product.name} is in your catalog.`).waitFor({ state: 'hidden' });
      expect(await auditScreen(page, 'catalog')).toEqual([]);

      const added = ((await reseller.get('/catalog/products')).body.items as { id: string; sku: string }[]).find((item) => item.sku === sku)!;
      expect((await reseller.get(`/catalog/products/${added.id}`)).body).toMatchObject({ ...product, price: '10.50', currency: 'EUR' });

      // Edit sends the changed fields only: a change made elsewhere meanwhile to another field stays.
      expect((await reseller.request('PATCH', `/catalog/products/${added.id}`, { description: 'Changed elsewhere' })).status).toBe(200);
      await row.getByRole('button', { name: `Edit ${product.name}` }).click();
      const edit = page.getByRole('dialog', { name: `Edit ${product.name}` });
      await edit.getByRole('textbox', { name: 'Price (EUR)' }).fill('12.00');
      await edit.getByRole('textbox', { name: 'Name' }).fill('Microsoft 365 E3 (annual)');
      expect(await auditScreen(page, 'catalog-edit-product')).toEqual([]);
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name: 'Microsoft 365 E3 (annual)', exact: true }).waitFor();
      expect((await reseller.get(`/catalog/products/${added.id}`)).body).toMatchObject({
        name: 'Microsoft 365 E3 (annual)',
        price: '12.00',
        cost: '8.00',
        description: 'Changed elsewhere',
        billingFrequency: 'annual',
      });
      await context.close();
    });

    it("curates an organization's e-store from its page: products offered, an organization price, field errors and If-Match", async () => {
      const products: { id: string; name: string }[] = [];
      for (const [name, price] of [
        ['Dynamics 365 Sales', '65.00'],
        ['Exchange Online Plan 1', '4.00'],
        ['Visio Plan 2', '15.00'],
      ] as const) {
        const created = await reseller.post('/catalog/products', { name, vendor: 'Microsoft', sku: `S-${tag()}`, description: name, billingFrequency: 'monthly', price, cost: '1.00' });
        expect(created.status).toBe(201);
        products.push({ id: created.body.id as string, name });
      }
      const [dynamics, exchange, visio] = products;
      await eventually(async () => {
        const listed = (await reseller.get('/catalog/products?limit=500')).body.items as { id: string }[];
        return products.every((product) => listed.some((item) => item.id === product.id)) ? true : undefined;
      }, 15_000, 'the catalog list');

      const { page, context } = await signedIn(resellerUsername, `/organizations/${org.id}`);
      await page.getByRole('link', { name: 'Choose its products and prices' }).click();
      await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/store-curation`);
      const offer = (name: string) => page.getByRole('checkbox', { name: `Offer ${name}` });
      const orgPrice = (name: string) => page.getByRole('textbox', { name: `Organization price of ${name}` });
      await offer(dynamics!.name).waitFor();
      expect(await orgPrice(dynamics!.name).isDisabled()).toBe(true);
      expect(await auditScreen(page, 'store-curation')).toEqual([]);

      // The API names a refused price by its place in the body (products.1.price): the page shows it at that product.
      const refused = await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId: dynamics!.id }, { productId: exchange!.id, price: '3.505' }] });
      expect(refused.status).toBe(400);
      const priceMessage = (refused.body.errors as { field: string; message: string }[]).find((error) => error.field === 'products.1.price')!.message;
      await offer(dynamics!.name).check();
      await offer(exchange!.name).check();
      await orgPrice(exchange!.name).fill('3.505');
      await page.getByRole('button', { name: 'Save' }).click();
      await expectFieldError(page, orgPrice(exchange!.name), priceMessage);
      expect(await orgPrice(dynamics!.name).getAttribute('aria-invalid')).not.toBe('true');
      expect(await auditScreen(page, 'store-curation-field-error')).toEqual([]);
      expect((await reseller.get(`/organizations/${org.id}/store`)).body.items).toEqual([]);

      await orgPrice(exchange!.name).fill('3.50');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('The e-store offers 2 product(s).').waitFor();
      const store = (await reseller.get(`/organizations/${org.id}/store`)).body.items as { productId: string; price: string }[];
      expect(store.map(({ productId, price }) => ({ productId, price })).sort((a, b) => a.productId.localeCompare(b.productId))).toEqual(
        [
          { productId: dynamics!.id, price: '65.00' },
          { productId: exchange!.id, price: '3.50' },
        ].sort((a, b) => a.productId.localeCompare(b.productId)),
      );

      // A reload shows the store as saved: ticked products, the organization price.
      await page.reload();
      await offer(visio!.name).waitFor();
      expect(await offer(dynamics!.name).isChecked()).toBe(true);
      expect(await offer(visio!.name).isChecked()).toBe(false);
      expect(await orgPrice(exchange!.name).inputValue()).toBe('3.50');
      expect(await orgPrice(dynamics!.name).inputValue()).toBe('');

      // Someone else changes the store after the page read it: the page's save changes nothing and says so.
      expect((await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId: visio!.id }] })).status).toBe(200);
      await offer(dynamics!.name).uncheck();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: 'Someone changed this e-store meanwhile' }).waitFor();
      expect(((await reseller.get(`/organizations/${org.id}/store`)).body.items as { productId: string }[]).map((item) => item.productId)).toEqual([visio!.id]);
      await context.close();

      const phone = await signedIn(resellerUsername, `/organizations/${org.id}/store-curation`, PHONE);
      await phone.page.getByRole('checkbox', { name: `Offer ${visio!.name}` }).waitFor();
      expect(await auditScreen(phone.page, 'store-curation-phone')).toEqual([]);
      await phone.context.close();
    });

    it('lets the platform admin create a reseller with its first admin, who can then log in; each role sees only its own screens', async () => {
      const t = tag();
      const name = `Northwind ${t}`;
      const username = `anna@northwind${t}.example`;
      const weak = await platformAdmin.post('/resellers', {
        name,
        currency: 'SEK',
        notificationEmail: `approvals@northwind${t}.example`,
        supportEmail: `support@northwind${t}.example`,
        admin: { firstName: 'Anna', lastName: 'Berg', username, email: username, password: 'weak' },
      });
      expect(weak.status).toBe(400);
      // The admin is checked as a new user: its refusals name the user's own fields.
      const passwordMessages = (weak.body.errors as { field: string; message: string }[]).filter((error) => error.field === 'password').map((error) => error.message);
      expect(passwordMessages.length).toBeGreaterThan(0);

      const { page, context } = await browser.newPage();
      await page.goto(`${origin()}/login`);
      await logIn(page, platform.adminUsername, platform.adminPassword);
      // The platform admin starts at Resellers and sees none of a reseller's screens.
      await page.waitForURL((url) => url.pathname === '/resellers');
      const navigation = page.getByRole('navigation', { name: 'Main' });
      await navigation.getByRole('link', { name: 'Resellers' }).waitFor();
      expect(await navigation.getByRole('link', { name: 'Catalog' }).count()).toBe(0);
      const consoleName = (await platformAdmin.get(`/resellers/${resellerId}`)).body.name as string;
      await page.getByRole('cell', { name: consoleName, exact: true }).waitFor();
      expect(await auditScreen(page, 'resellers')).toEqual([]);

      await page.getByRole('button', { name: 'New reseller' }).click();
      const dialog = page.getByRole('dialog', { name: 'New reseller' });
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      await dialog.getByRole('textbox', { name: 'Currency' }).fill('sek');
      await dialog.getByRole('textbox', { name: 'Notification Email' }).fill(`approvals@northwind${t}.example`);
      await dialog.getByRole('textbox', { name: 'Support Email' }).fill(`support@northwind${t}.example`);
      await dialog.getByRole('textbox', { name: 'First name' }).fill('Anna');
      await dialog.getByRole('textbox', { name: 'Last name' }).fill('Berg');
      await dialog.getByRole('textbox', { name: 'Username' }).fill(username);
      await dialog.getByRole('textbox', { name: 'Email', exact: true }).fill(username);
      const password = dialog.getByLabel(/^Password/);
      await password.fill('weak');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expectFieldError(page, password, passwordMessages.join('; '));
      expect(await auditScreen(page, 'reseller-new-field-error')).toEqual([]);

      await password.fill(PASSWORD);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('cell', { name, exact: true }).waitFor();

      const listed = (await platformAdmin.get('/resellers?limit=500')).body.items as { id: string; name: string; currency: string }[];
      expect(listed.find((item) => item.name === name)).toMatchObject({ currency: 'SEK', notificationEmail: `approvals@northwind${t}.example`, supportEmail: `support@northwind${t}.example` });
      const newAdmin = await anonymous().login(username, PASSWORD);
      expect((await newAdmin.get('/me')).body).toMatchObject({ username, role: 'reseller_admin' });
      await context.close();

      // The reseller admin sees its console and not Resellers.
      const resellerPage = await signedIn(resellerUsername, '/organizations');
      const resellerNavigation = resellerPage.page.getByRole('navigation', { name: 'Main' });
      await resellerNavigation.getByRole('link', { name: 'Catalog' }).waitFor();
      expect(await resellerNavigation.getByRole('link', { name: 'Resellers' }).count()).toBe(0);
      await resellerPage.context.close();
    });
  });
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn } from './portal-browser';
import type { PortalWorld } from './portal-world';

interface Member {
  id: string;
  username: string;
  client: ApiClient;
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: { id: string; type: string; data: Record<string, unknown> };
}

interface Delivery {
  deliveryId: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastResponseCode: number | null;
}

/** A receiver of webhooks on the loopback (the portal suite's platform allows http:// and 127.0.0.0/8 for it). */
class Receiver {
  readonly received: Received[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: request.headers, body, payload: JSON.parse(body) as Received['payload'] });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/broker`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * An organization's webhooks in Debian's Chromium against the running platform: its admin is refused a private URL
 * (the message next to the field), registers an endpoint on a receiver on the loopback for approved transactions and
 * sees its secret once; an approved order reaches the receiver signed with that secret and shows in the endpoint's
 * delivery log as delivered; Redeliver sends it again; the endpoint is disabled and enabled; a rotation shows a new
 * secret once, which signs what follows; a deletion after a confirmation removes it. A viewer has no link, and the
 * screen says the role may not read the webhooks. The reseller admin registers their reseller's own endpoint at
 * /webhooks, and an organization's creation reaches it. Each screen is checked with axe-core; each result through the API.
 */
export function webhooksScenarios(world: PortalWorld): void {
  describe('webhooks in the portal (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const APPROVED = 'approvals.transaction-approved.v1';
    const receiver = new Receiver();
    let receiverUrl: string;
    let reseller: ApiClient;
    let resellerAccount: { id: string; username: string };
    let org: Org;
    let productId: string;
    let anna: Member;
    let vera: Member;
    let secret: string;

    const member = async (first: string, role: string): Promise<Member> => {
      const username = `${first.toLowerCase()}${tag()}@${org.domain}`;
      const created = await reseller.post(`/organizations/${org.id}/users`, { username, firstName: first, lastName: 'Member', email: username, role, password: PASSWORD });
      expect(created.status).toBe(201);
      return { id: created.body.id as string, username, client: await anonymous().login(username, PASSWORD) };
    };
    const webhooksPath = () => `/organizations/${org.id}/webhooks`;
    const endpointsOf = async () => {
      const answer = await anna.client.get(webhooksPath());
      expect(answer.status).toBe(200);
      return answer.body.items as { endpointId: string; url: string; eventTypes: string[]; description: string; status: string }[];
    };
    const deliveriesOf = async (endpointId: string) => {
      const answer = await anna.client.get(`${webhooksPath()}/${endpointId}/deliveries?limit=50`);
      expect(answer.status).toBe(200);
      return answer.body.items as Delivery[];
    };
    const signedIn = async (username: string) => {
      const opened = await browser.newPage();
      await opened.page.goto(`${world.origin()}/login`);
      await logIn(opened.page, username, PASSWORD);
      await opened.page.waitForURL((url) => url.pathname !== '/login');
      return opened;
    };
    const webhooksLink = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks', exact: true });
    const navigate = async (page: Page) => {
      await webhooksLink(page).click();
      await page.waitForURL((url) => url.pathname === webhooksPath());
      await page.getByRole('heading', { name: 'Webhooks', level: 2 }).waitFor();
      // The pointer leaves the navigation, as a person's would after the click (a hovered link is shaded).
      await page.mouse.move(1270, 790);
    };
    /** The messages a field shows under it (Mantine links them by aria-describedby). */
    const errorsOf = async (page: Page, input: Locator) => {
      const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      return ids.length === 0 ? [] : [(await page.locator(`[id="${ids[0]}"]`).textContent()) ?? ''];
    };
    const card = (page: Page) => page.getByRole('region', { name: 'ERP sync', exact: true });
    const secretPanel = (page: Page) => page.getByRole('region', { name: 'Signing secret' });
    const verify = (key: string, received: Received) =>
      new Webhook(key).verify(received.body, {
        'webhook-id': String(received.headers['webhook-id']),
        'webhook-timestamp': String(received.headers['webhook-timestamp']),
        'webhook-signature': String(received.headers['webhook-signature']),
      });
    /** An order of the organization's admin, approved at once (no approval policy): its transaction id. */
    const order = async (quantity: number): Promise<string> => {
      const placed = await anna.client.post(`/organizations/${org.id}/orders`, { productId, quantity });
      expect([placed.status, placed.body.status]).toEqual([201, 'approved']);
      return placed.body.transactionId as string;
    };
    const arrived = (transactionId: string) => receiver.received.filter((r) => r.payload.type === APPROVED && r.payload.data.transactionId === transactionId);

    beforeAll(async () => {
      receiverUrl = await receiver.start();
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      resellerAccount = await registerReseller(platformAdmin, 'webhooks');
      reseller = await anonymous().login(resellerAccount.username, PASSWORD);
      org = await createOrganization(reseller);
      const product = await reseller.post('/catalog/products', {
        name: `Microsoft 365 E3 ${tag()}`, vendor: 'Microsoft', sku: `E3-${tag()}`, description: 'Office apps, mail and storage', billingFrequency: 'monthly', price: '10.00', cost: '7.00',
      });
      expect(product.status).toBe(201);
      productId = product.body.id as string;
      expect((await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId }] })).status).toBe(200);
      anna = await member('Anna', 'org_admin');
      vera = await member('Vera', 'org_viewer');
    });

    afterAll(() => receiver.stop());

    afterEach(() => {
      // A script error fails the test; the 400 and 403 the tests provoke are logged as failed loads and shown. Emptied
      // first, so that one test's errors are not blamed on the next.
      const errors = browser.consoleErrors.splice(0);
      expect(errors.filter((line) => !/Failed to load resource: the server responded with a status of 40[03]/.test(line))).toEqual([]);
    });

    it("refuses a private URL next to the field, then registers an endpoint on the loopback receiver and shows its secret once", async () => {
      const { page, context } = await signedIn(anna.username);
      await navigate(page);
      await page.getByText('No endpoint is registered: no event is sent anywhere.').waitFor();
      expect(await auditScreen(page, 'webhooks-empty')).toEqual([]);

      const url = page.getByRole('textbox', { name: /^URL/ });
      await url.fill('http://10.0.0.1/hooks');
      await page.getByRole('textbox', { name: /^Description/ }).fill('ERP sync');
      await page.getByRole('group', { name: 'Orders, approvals and budgets' }).getByRole('checkbox', { name: /^Transaction approved/ }).check();
      await page.getByRole('button', { name: 'Register the endpoint' }).click();
      await page.getByRole('alert').filter({ hasText: 'Some fields need a change: see the messages next to them.' }).waitFor();
      expect(await url.getAttribute('aria-invalid')).toBe('true');
      expect((await errorsOf(page, url)).join(' ')).not.toBe('');
      expect(await auditScreen(page, 'webhooks-field-error')).toEqual([]);
      expect(await endpointsOf()).toEqual([]);

      await url.fill(receiverUrl);
      await page.getByRole('button', { name: 'Register the endpoint' }).click();
      const panel = secretPanel(page);
      await panel.getByText('Copy it now: you will not see it again.').waitFor();
      secret = ((await panel.getByLabel('Secret').textContent()) ?? '').trim();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
      await panel.getByRole('button', { name: 'Copy the secret' }).waitFor();
      expect(await auditScreen(page, 'webhooks-secret')).toEqual([]);
      const [endpoint] = await endpointsOf();
      expect(endpoint).toMatchObject({ url: receiverUrl, eventTypes: [APPROVED], description: 'ERP sync', status: 'active' });
      expect(JSON.stringify(await endpointsOf())).not.toContain(secret);

      await card(page).getByText(receiverUrl, { exact: true }).waitFor();
      await card(page).getByText('Orders, approvals and budgets: Transaction approved').waitFor();
      await card(page).getByText('No failed delivery since the last one delivered').waitFor();
      await panel.getByRole('button', { name: 'I have copied it' }).click();
      await panel.waitFor({ state: 'detached' });
      // Never shown again: the page read afresh has no secret.
      await page.reload();
      await card(page).waitFor();
      expect(await page.getByText(secret).count()).toBe(0);
      await context.close();
    });

    it('shows an approved order in the delivery log as delivered, signed with the secret shown, and redelivers it', async () => {
      const [endpoint] = await endpointsOf();
      const transactionId = await order(2);
      const [first] = await eventually(async () => (arrived(transactionId).length > 0 ? arrived(transactionId) : undefined), 20_000, 'the approval delivered');
      expect(verify(secret, first!)).toMatchObject({ type: APPROVED });
      const delivered = await eventually(async () => (await deliveriesOf(endpoint!.endpointId)).find((d) => d.eventId === first!.payload.id && d.status === 'delivered'), 20_000, 'the delivery logged');

      const { page, context } = await signedIn(anna.username);
      await navigate(page);
      await page.getByRole('button', { name: 'Delivery log of ERP sync' }).click();
      const log = page.getByRole('region', { name: 'Delivery log of ERP sync' });
      const row = log.locator(`tr[data-delivery-id="${delivered.deliveryId}"]`);
      await row.waitFor();
      expect((await row.locator('th, td').allTextContents()).slice(0, 4)).toEqual([expect.stringMatching(/^Transaction approved/), 'Delivered', String(delivered.attempts), String(delivered.lastResponseCode)]);
      expect(await auditScreen(page, 'webhooks-delivery-log')).toEqual([]);

      await row.getByRole('button', { name: /^Redeliver the Transaction approved event/ }).click();
      await page.getByText('The Transaction approved event is sent again.').waitFor();
      await eventually(async () => (arrived(transactionId).length === 2 ? true : undefined), 20_000, 'the redelivery');
      expect(arrived(transactionId).map((r) => r.payload.id)).toEqual([first!.payload.id, first!.payload.id]);
      await context.close();
    });

    it('disables and enables the endpoint, and a rotation shows a new secret once that signs what follows', async () => {
      const { page, context } = await signedIn(anna.username);
      await navigate(page);
      await card(page).getByRole('button', { name: 'Disable ERP sync' }).click();
      await card(page).getByText(/^Disabled: /).waitFor();
      expect((await endpointsOf())[0]!.status).toBe('disabled');
      await card(page).getByRole('button', { name: 'Enable ERP sync' }).click();
      await card(page).getByText('Active', { exact: true }).first().waitFor();
      await eventually(async () => ((await endpointsOf())[0]!.status === 'active' ? true : undefined), 10_000, 'enabled');

      await card(page).getByRole('button', { name: 'Rotate the secret of ERP sync' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rotate the secret' });
      await dialog.getByText(/^Rotate the secret of ERP sync\?/).waitFor();
      expect(await auditScreen(page, 'webhooks-rotate-dialog')).toEqual([]);
      await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
      const panel = secretPanel(page);
      await panel.getByText(/you will not see it again\. The old secret no longer signs deliveries\./).waitFor();
      const rotated = ((await panel.getByLabel('Secret').textContent()) ?? '').trim();
      expect(rotated).toMatch(/^whsec_/);
      expect(rotated).not.toBe(secret);

      const transactionId = await order(1);
      const [next] = await eventually(async () => (arrived(transactionId).length > 0 ? arrived(transactionId) : undefined), 20_000, 'the next approval delivered');
      expect(verify(rotated, next!)).toMatchObject({ type: APPROVED });
      expect(() => verify(secret, next!)).toThrow();
      await context.close();
    });

    it("gives a viewer no link, and the screen says the role may not read the webhooks", async () => {
      const { page, context } = await signedIn(vera.username);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().waitFor();
      expect(await webhooksLink(page).count()).toBe(0);
      await page.goto(`${world.origin()}${webhooksPath()}`);
      const alert = page.getByRole('alert').filter({ hasText: 'You may not read these webhooks' });
      await alert.waitFor();
      await alert.getByText('Your role may not do this').waitFor();
      expect(await page.getByRole('button', { name: 'Register the endpoint' }).count()).toBe(0);
      expect(await auditScreen(page, 'webhooks-forbidden')).toEqual([]);
      await context.close();
    });

    it("lets the reseller admin register their reseller's own endpoint at /webhooks, an organization created reaching it", async () => {
      const resellerHooks = `/resellers/${resellerAccount.id}/webhooks`;
      const { page, context } = await signedIn(resellerAccount.username);
      await webhooksLink(page).click();
      await page.waitForURL((url) => url.pathname === '/webhooks');
      await page.getByText('No endpoint is registered: no event is sent anywhere.').waitFor();
      await page.mouse.move(1270, 790);
      expect(await auditScreen(page, 'webhooks-reseller')).toEqual([]);
      await page.getByRole('textbox', { name: /^URL/ }).fill(receiverUrl);
      await page.getByRole('textbox', { name: /^Description/ }).fill('Reseller CRM');
      await page.getByRole('group', { name: 'Resellers and organizations' }).getByRole('checkbox', { name: /^Organization created/ }).check();
      await page.getByRole('button', { name: 'Register the endpoint' }).click();
      const resellerSecret = ((await secretPanel(page).getByLabel('Secret').textContent()) ?? '').trim();
      expect(resellerSecret).toMatch(/^whsec_/);
      const listed = await reseller.get(resellerHooks);
      expect(listed.body.items).toMatchObject([{ url: receiverUrl, eventTypes: ['organizations.organization-created.v1'], description: 'Reseller CRM', owner: { scope: 'reseller', tenantId: resellerAccount.id } }]);

      const created = await createOrganization(reseller);
      const [delivery] = await eventually(async () => {
        const found = receiver.received.filter((r) => r.payload.type === 'organizations.organization-created.v1' && JSON.stringify(r.payload.data).includes(created.id));
        return found.length > 0 ? found : undefined;
      }, 20_000, "the organization's creation delivered");
      expect(verify(resellerSecret, delivery!)).toMatchObject({ type: 'organizations.organization-created.v1' });
      expect((await reseller.request('DELETE', `${resellerHooks}/${listed.body.items[0].endpointId as string}`)).status).toBe(204);
      await context.close();
    });

    it('deletes the endpoint after a confirmation', async () => {
      const { page, context } = await signedIn(anna.username);
      await navigate(page);
      const remove = card(page).getByRole('button', { name: 'Delete ERP sync' });
      await remove.click();
      const dialog = page.getByRole('dialog', { name: 'Delete the endpoint' });
      await dialog.getByText(/^Delete ERP sync\?/).waitFor();
      // Cancel keeps it.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await endpointsOf()).toHaveLength(1);

      await remove.click();
      expect(await auditScreen(page, 'webhooks-delete-dialog')).toEqual([]);
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByText('ERP sync is deleted: no event is sent to it any more.').waitFor();
      await card(page).waitFor({ state: 'detached' });
      await page.getByText('No endpoint is registered: no event is sent anywhere.').waitFor();
      expect(await endpointsOf()).toEqual([]);
      await context.close();
    });
  });
}

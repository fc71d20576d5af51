import type { Locator, Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn } from './portal-browser';
import type { PortalWorld } from './portal-world';

interface Member {
  id: string;
  username: string;
  label: string;
  client: ApiClient;
}

/**
 * An organization's approval settings in Debian's Chromium against the running platform: its admin builds a chain
 * of two steps in the editor and saves it, and the next request waits for the first step's approver; the server's
 * refusal of a field shown next to it, and a change made meanwhile (412) said plainly; a viewer reads the chain;
 * an approver sets an out-of-office period with a delegate and clears it. Each screen is checked with axe-core;
 * each result is checked through the API.
 */
export function approvalSettingsScenarios(world: PortalWorld): void {
  describe('approval chains and out of office in the portal (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    let reseller: ApiClient;
    let org: Org;
    let productId: string;
    let anna: Member;
    let bill: Member;
    let carl: Member;
    let vera: Member;

    const member = async (first: string, last: string, role: string): Promise<Member> => {
      const username = `${first.toLowerCase()}${tag()}@${org.domain}`;
      const created = await reseller.post(`/organizations/${org.id}/users`, { username, firstName: first, lastName: last, email: username, role, password: PASSWORD });
      expect(created.status).toBe(201);
      return { id: created.body.id as string, username, label: `${first} ${last} (${username})`, client: await anonymous().login(username, PASSWORD) };
    };
    const signedIn = async (username: string) => {
      const opened = await browser.newPage();
      await opened.page.goto(`${world.origin()}/login`);
      await logIn(opened.page, username, PASSWORD);
      await opened.page.waitForURL((url) => url.pathname !== '/login');
      return opened;
    };
    const navigate = async (page: Page, label: string, path: string) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
      await page.waitForURL((url) => url.pathname === path);
      // The pointer leaves the navigation, as a person's would after the click (a hovered link is shaded).
      await page.mouse.move(1270, 790);
    };
    /** The messages a field shows under it (Mantine links them by aria-describedby). */
    const errorsOf = async (page: Page, input: Locator) => {
      const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      return ids.length === 0 ? [] : [(await page.locator(`[id="${ids[0]}"]`).textContent()) ?? ''];
    };
    const approversOf = (page: Page, rule: number, step: number) => page.getByRole('group', { name: `Step ${step} of rule ${rule}: approvers` });
    const chainsPath = () => `/organizations/${org.id}/approval-chains`;
    const chainsOf = async () => (await anna.client.get(chainsPath())).body;

    beforeAll(async () => {
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      const resellerUsername = (await registerReseller(platformAdmin, 'chains')).username;
      reseller = await anonymous().login(resellerUsername, PASSWORD);
      org = await createOrganization(reseller);
      const product = await reseller.post('/catalog/products', {
        name: `Microsoft 365 E5 ${tag()}`, vendor: 'Microsoft', sku: `E5-${tag()}`, description: 'Office apps, mail, security', billingFrequency: 'monthly', price: '30.00', cost: '20.00',
      });
      expect(product.status).toBe(201);
      productId = product.body.id as string;
      expect((await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId }] })).status).toBe(200);
      anna = await member('Anna', 'Admin', 'org_admin');
      bill = await member('Bill', 'Billing', 'org_billing_admin');
      carl = await member('Carl', 'Chief', 'org_admin');
      vera = await member('Vera', 'Viewer', 'org_viewer');
      // The users list is a read model: the editor offers the approvers once it lists them.
      await eventually(async () => {
        const listed = ((await anna.client.get(`/organizations/${org.id}/users?limit=500`)).body.items as { id: string }[]).map((u) => u.id);
        return [anna, bill, carl, vera].every((m) => listed.includes(m.id)) || undefined;
      }, 20_000, 'the users listed');
    });

    afterEach(() => {
      // A script error fails the test; the 400 and 412 the tests provoke are logged as failed loads and shown.
      expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of (400|412)/.test(line))).toEqual([]);
      browser.consoleErrors.length = 0;
    });

    it("lets the organization's admin build a chain of two steps and save it; the next request waits for the first step's approver", async () => {
      const { page, context } = await signedIn(anna.username);
      await navigate(page, 'Approval chains', chainsPath());
      await page.getByText('No approval chains: every request goes straight to your provider').waitFor();
      expect(await auditScreen(page, 'approval-chains-empty')).toEqual([]);

      await page.getByRole('button', { name: 'Add a rule' }).click();
      expect(await page.getByRole('combobox', { name: 'Condition of rule 1' }).inputValue()).toBe('always');
      // Carl first, then a second step with Bill; then Bill's step is moved up: Bill decides first.
      await approversOf(page, 1, 1).getByRole('checkbox', { name: carl.label }).check();
      await page.getByRole('button', { name: 'Add a step to rule 1' }).click();
      await approversOf(page, 1, 2).getByRole('checkbox', { name: bill.label }).check();
      // Only the organization's active admins and billing admins are offered.
      expect(await approversOf(page, 1, 1).getByRole('checkbox').count()).toBe(3);
      expect(await approversOf(page, 1, 1).getByRole('checkbox', { name: vera.label }).count()).toBe(0);
      await page.getByRole('button', { name: 'Move step 2 of rule 1 up' }).click();
      expect(await approversOf(page, 1, 1).getByRole('checkbox', { name: bill.label }).isChecked()).toBe(true);
      expect(await approversOf(page, 1, 2).getByRole('checkbox', { name: carl.label }).isChecked()).toBe(true);
      expect(await approversOf(page, 1, 2).getByRole('checkbox', { name: bill.label }).isChecked()).toBe(false);
      expect(await auditScreen(page, 'approval-chains-editor')).toEqual([]);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('The approval chains are saved: 1 rule(s), in force for the next request.').waitFor();

      const saved = await anna.client.get(chainsPath());
      expect(saved.body).toEqual({ organizationId: org.id, rules: [{ condition: { type: 'always' }, steps: [{ approverIds: [bill.id] }, { approverIds: [carl.id] }] }], escalation: null });
      expect(saved.headers.get('etag')).toBe('"1"');
      await context.close();

      // A request of the organization now waits for Bill, the first step's approver, and for nobody else yet.
      const placed = await anna.client.post(`/organizations/${org.id}/orders`, { productId, quantity: 2 });
      expect([placed.status, placed.body.status]).toEqual([201, 'pending_approval']);
      const transactionId = placed.body.transactionId as string;
      const pendingFor = async (client: ApiClient) => ((await client.get('/approvals?status=pending')).body.items as { transactionId: string }[]).map((item) => item.transactionId);
      await eventually(async () => ((await pendingFor(bill.client)).includes(transactionId) ? true : undefined), 20_000, "the request in the first step's approver's inbox");
      expect(await pendingFor(carl.client)).not.toContain(transactionId);
      expect(await pendingFor(reseller)).not.toContain(transactionId);
      const history = (await anna.client.get(`/organizations/${org.id}/transactions/${transactionId}/history`)).body;
      expect(history.items.map((entry: { type: string }) => entry.type)).toEqual(['requested', 'step_reached']);
      expect(history.items[1]).toMatchObject({ step: { index: 0, kind: 'organization' } });
    });

    it("shows the server's refusal of a field next to it, and says plainly when the chains changed meanwhile (412)", async () => {
      const { page, context } = await signedIn(anna.username);
      await navigate(page, 'Approval chains', chainsPath());
      await page.getByRole('combobox', { name: 'Condition of rule 1' }).selectOption('annual_value_above');
      // Three decimals: the page takes any decimal amount; the server knows the currency has two.
      const amount = page.getByRole('textbox', { name: /^Annual value above \(EUR\)/ });
      await amount.fill('100.005');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Some fields need a change: see the messages next to them.' }).waitFor();
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect((await errorsOf(page, amount)).join(' ')).toMatch(/at most two decimals/);
      expect(await auditScreen(page, 'approval-chains-field-error')).toEqual([]);
      expect((await anna.client.get(chainsPath())).headers.get('etag')).toBe('"1"');

      // Carl changes the chains meanwhile: this page's save, under the version it read, is refused and says so.
      const carls = { rules: [{ condition: { type: 'always' }, steps: [{ approverIds: [carl.id] }] }] };
      expect((await carl.client.request('PUT', chainsPath(), carls)).status).toBe(200);
      await amount.fill('1000.00');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Someone changed the approval chains meanwhile' }).waitFor();
      expect(await chainsOf()).toMatchObject(carls);
      await page.getByRole('button', { name: 'Reload the approval chains' }).click();
      await eventually(async () => ((await approversOf(page, 1, 1).getByRole('checkbox', { name: carl.label }).isChecked()) ? true : undefined), 10_000, "Carl's chain shown");
      expect(await page.getByRole('group', { name: 'Step 2 of rule 1: approvers' }).count()).toBe(0);
      expect(await page.getByRole('combobox', { name: 'Condition of rule 1' }).inputValue()).toBe('always');

      // Back to Bill then Carl, through the API, for the viewer's scenario.
      const billThenCarl = { rules: [{ condition: { type: 'always' }, steps: [{ approverIds: [bill.id] }, { approverIds: [carl.id] }] }] };
      expect((await anna.client.request('PUT', chainsPath(), billThenCarl)).status).toBe(200);
      await context.close();
    });

    it('shows a viewer the chain to read, with nothing to change', async () => {
      const { page, context } = await signedIn(vera.username);
      await navigate(page, 'Approval chains', chainsPath());
      const chains = page.getByRole('region', { name: 'Approval chains (read only)' });
      await chains.getByRole('heading', { name: 'Rule 1: Every request' }).waitFor();
      expect(await chains.getByRole('list', { name: 'Steps of rule 1' }).getByRole('listitem').allTextContents()).toEqual([
        `Step 1: ${bill.label}`,
        `Step 2: ${carl.label}`,
        "Then your provider's approval, when its approval policy asks for it",
      ]);
      expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
      expect(await page.getByRole('checkbox').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Clear the approval chains' }).count()).toBe(0);
      expect(await auditScreen(page, 'approval-chains-read-only')).toEqual([]);
      await context.close();
    });

    it('lets an approver set an out-of-office period with a delegate, shows it, and clears it', async () => {
      const { page, context } = await signedIn(carl.username);
      await navigate(page, 'Out of office', '/out-of-office');
      const current = page.getByRole('status').filter({ hasText: /out-of-office period is set|out of office from/ });
      await current.filter({ hasText: 'No out-of-office period is set' }).waitFor();

      await page.getByLabel(/^From/).fill('2030-01-07T09:00');
      await page.getByLabel(/^Until/).fill('2030-01-05T09:00');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Until must be after From').waitFor();
      await page.getByLabel(/^Until/).fill('2030-01-14T17:30');
      await page.getByRole('combobox', { name: 'Delegate' }).click();
      // Only another organizational admin may stand in for one: Anna, not Bill (a billing admin) or Vera.
      expect(await page.getByRole('option').allTextContents()).toEqual([`${anna.label}, Organizational admin`]);
      await page.getByRole('option', { name: `${anna.label}, Organizational admin` }).click();
      expect(await auditScreen(page, 'out-of-office-form')).toEqual([]);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await current.filter({ hasText: `You will be out of office from 7 Jan 2030, 09:00 UTC until 14 Jan 2030, 17:30 UTC. ${anna.label} decides for you.` }).waitFor();
      expect((await carl.client.get('/me/out-of-office')).body).toEqual({
        userId: carl.id,
        period: { from: '2030-01-07T09:00:00.000Z', to: '2030-01-14T17:30:00.000Z', delegateId: anna.id },
      });
      expect(await auditScreen(page, 'out-of-office-set')).toEqual([]);

      await page.getByRole('button', { name: 'Clear the period' }).click();
      await current.filter({ hasText: 'No out-of-office period is set' }).waitFor();
      expect((await carl.client.get('/me/out-of-office')).body).toEqual({ userId: carl.id, period: null });
      await context.close();
    });
  });
}

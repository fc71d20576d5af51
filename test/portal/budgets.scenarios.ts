import type { Locator, Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn } from './portal-browser';
import type { PortalWorld } from './portal-world';

interface Member {
  id: string;
  username: string;
  client: ApiClient;
}

interface BudgetLine {
  costCentre: string | null;
  period: string;
  amount: string;
  overBudget: string;
  currentPeriod: { key: string; from: string; to: string };
  committedSpend: string;
  percentUsed: number;
  noticesSent: number[];
}

/**
 * An organization's budgets in Debian's Chromium against the running platform: its admin sets the organization's
 * budget and a cost centre's; once an order for the cost centre is approved each gauge (a meter) shows the committed
 * spend and percentage the API gives, and a change of the amount to 90 % of the spend colours it; the server's
 * refusal of a field is shown next to it; a viewer opens the notice e-mail's link and reads the budgets with nothing
 * to change; a budget is removed after a confirmation. Each screen is checked with axe-core; each result through the API.
 */
export function budgetsScenarios(world: PortalWorld): void {
  describe('budgets in the portal (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const COST_CENTRE = 'Sales & Marketing';
    let reseller: ApiClient;
    let org: Org;
    let productId: string;
    let anna: Member;
    let vera: Member;

    const member = async (first: string, role: string): Promise<Member> => {
      const username = `${first.toLowerCase()}${tag()}@${org.domain}`;
      const created = await reseller.post(`/organizations/${org.id}/users`, { username, firstName: first, lastName: 'Member', email: username, role, password: PASSWORD });
      expect(created.status).toBe(201);
      return { id: created.body.id as string, username, client: await anonymous().login(username, PASSWORD) };
    };
    const budgetsPath = () => `/organizations/${org.id}/budgets`;
    const budgetsOf = async (): Promise<{ currency: string; budgets: BudgetLine[] }> => {
      const answer = await anna.client.get(budgetsPath());
      expect(answer.status).toBe(200);
      return answer.body;
    };
    const budgetOf = async (costCentre: string | null): Promise<BudgetLine> => (await budgetsOf()).budgets.find((b) => b.costCentre === costCentre)!;
    const signedIn = async (username: string) => {
      const opened = await browser.newPage();
      await opened.page.goto(`${world.origin()}/login`);
      await logIn(opened.page, username, PASSWORD);
      await opened.page.waitForURL((url) => url.pathname !== '/login');
      return opened;
    };
    const navigate = async (page: Page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budgets', exact: true }).click();
      await page.waitForURL((url) => url.pathname === budgetsPath());
      // The pointer leaves the navigation, as a person's would after the click (a hovered link is shaded).
      await page.mouse.move(1270, 790);
    };
    /** The messages a field shows under it (Mantine links them by aria-describedby). */
    const errorsOf = async (page: Page, input: Locator) => {
      const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
      return ids.length === 0 ? [] : [(await page.locator(`[id="${ids[0]}"]`).textContent()) ?? ''];
    };
    const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });
    /** What a budget's gauge says: its meter's values and accessible text, and the spend written under it. */
    const gaugeOf = async (page: Page, title: string) => {
      const meter = card(page, title).getByRole('meter');
      return {
        name: await meter.getAttribute('aria-valuetext'),
        now: await meter.getAttribute('aria-valuenow'),
        range: [await meter.getAttribute('aria-valuemin'), await meter.getAttribute('aria-valuemax')],
        spend: await card(page, title).getByText(/^Committed spend:/).textContent(),
      };
    };
    const expectedGauge = (line: BudgetLine, amount: string) => ({
      name: `${line.percentUsed} % of ${amount} EUR committed for ${line.currentPeriod.key}`,
      now: String(Math.min(line.percentUsed, 100)),
      range: ['0', '100'],
      spend: `Committed spend: ${line.committedSpend} EUR of ${amount} EUR, from ${line.currentPeriod.from} to ${line.currentPeriod.to}`,
    });

    beforeAll(async () => {
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      reseller = await anonymous().login((await registerReseller(platformAdmin, 'budgets')).username, PASSWORD);
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

    afterEach(() => {
      // A script error fails the test; the 400 the tests provoke is logged as a failed load and shown. Emptied first,
      // so that one test's errors are not blamed on the next.
      const errors = browser.consoleErrors.splice(0);
      expect(errors.filter((line) => !/Failed to load resource: the server responded with a status of 400/.test(line))).toEqual([]);
    });

    it("lets the organization's admin set the organization's budget and a cost centre's; after an approved order each gauge shows the API's committed spend and percentage", async () => {
      const { page, context } = await signedIn(anna.username);
      await navigate(page);
      await page.getByText('No budget is set: orders are not held to any.').waitFor();
      expect(await auditScreen(page, 'budgets-empty')).toEqual([]);

      // The organization's own budget: 5000 EUR a month, approval needed over it.
      await page.getByRole('textbox', { name: /^Amount \(EUR\)/ }).fill('5000');
      await page.getByRole('button', { name: 'Save the budget' }).click();
      await page.getByText("The organization's budget is saved: 5,000.00 EUR monthly, in force for the next order.").waitFor();
      await card(page, 'The organization').getByRole('meter').waitFor();

      // A cost centre's: 250.5 EUR a quarter, orders over it refused.
      await page.getByRole('combobox', { name: 'Budget of' }).selectOption({ label: 'A cost centre' });
      await page.getByRole('textbox', { name: /^Cost centre/ }).fill(COST_CENTRE);
      await page.getByRole('textbox', { name: /^Amount \(EUR\)/ }).fill('250.5');
      await page.getByRole('combobox', { name: /^Period/ }).selectOption({ label: 'Quarterly' });
      await page.getByRole('combobox', { name: /^An order over the budget/ }).selectOption({ label: 'Refused' });
      expect(await auditScreen(page, 'budgets-form-cost-centre')).toEqual([]);
      await page.getByRole('button', { name: 'Save the budget' }).click();
      await page.getByText(`The budget of cost centre ${COST_CENTRE} is saved: 250.50 EUR quarterly, in force for the next order.`).waitFor();
      expect((await budgetsOf()).budgets.map((b) => [b.costCentre, b.period, b.amount, b.overBudget, b.percentUsed])).toEqual([
        [null, 'monthly', '5000.00', 'needs_approval', 0],
        [COST_CENTRE, 'quarterly', '250.50', 'refused', 0],
      ]);
      await card(page, `Cost centre ${COST_CENTRE}`).getByText('An order over the budget is refused').waitFor();
      await card(page, `Cost centre ${COST_CENTRE}`).getByText(/^No notice sent for \d{4}-Q\d$/).waitFor();

      // Two seats for the cost centre, approved at once (no approval policy, well within both budgets).
      const placed = await anna.client.post(`/organizations/${org.id}/orders`, { productId, quantity: 2, costCentre: COST_CENTRE });
      expect([placed.status, placed.body.status]).toEqual([201, 'approved']);
      // Committed spend is a read model of the approved transactions: it follows the approval by a moment.
      const spent = await eventually(async () => {
        const line = await budgetOf(COST_CENTRE);
        return line.committedSpend !== '0.00' ? line : undefined;
      }, 20_000, 'committed spend counted');
      // Away and back: the screen reads the budgets again.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users', exact: true }).click();
      await page.waitForURL((url) => url.pathname !== budgetsPath());
      await navigate(page);
      await eventually(async () => ((await gaugeOf(page, `Cost centre ${COST_CENTRE}`)).spend === expectedGauge(spent, '250.50').spend ? true : undefined), 10_000, 'the gauge read again');
      expect(await gaugeOf(page, 'The organization')).toEqual(expectedGauge(await budgetOf(null), '5,000.00'));
      expect(await gaugeOf(page, `Cost centre ${COST_CENTRE}`)).toEqual(expectedGauge(spent, '250.50'));

      // Change the cost centre's amount to the spend / 0.9: about 90 % used, the gauge turns to its 80 % colour.
      const cents = Math.ceil((Math.round(Number(spent.committedSpend) * 100) * 10) / 9);
      const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      await page.getByRole('button', { name: `Change the budget of cost centre ${COST_CENTRE}` }).click();
      await page.getByRole('heading', { name: `Change the budget of cost centre ${COST_CENTRE}` }).waitFor();
      const amountInput = page.getByRole('textbox', { name: /^Amount \(EUR\)/ });
      expect(await amountInput.inputValue()).toBe('250.50');
      await amountInput.fill(amount);
      await page.getByRole('button', { name: 'Save the budget' }).click();
      await page.getByText(`The budget of cost centre ${COST_CENTRE} is saved: ${amount} EUR quarterly, in force for the next order.`).waitFor();
      const changed = await budgetOf(COST_CENTRE);
      expect([changed.amount, changed.overBudget, changed.percentUsed >= 80 && changed.percentUsed < 100]).toEqual([amount, 'refused', true]);
      await eventually(async () => ((await gaugeOf(page, `Cost centre ${COST_CENTRE}`)).name === expectedGauge(changed, amount).name ? true : undefined), 10_000, 'the changed gauge');
      expect(await gaugeOf(page, `Cost centre ${COST_CENTRE}`)).toEqual(expectedGauge(changed, amount));
      await card(page, `Cost centre ${COST_CENTRE}`).getByText('80 % reached', { exact: true }).waitFor();
      await page.getByRole('heading', { name: 'Set a budget' }).waitFor();
      expect(await auditScreen(page, 'budgets-set')).toEqual([]);
      await context.close();
    });

    it("shows the server's refusal of a field next to it, and changes nothing", async () => {
      const before = await budgetsOf();
      const { page, context } = await signedIn(anna.username);
      await navigate(page);
      // Three decimals: the page takes any decimal amount; the server knows the currency has two.
      const amount = page.getByRole('textbox', { name: /^Amount \(EUR\)/ });
      await amount.fill('10.001');
      await page.getByRole('button', { name: 'Save the budget' }).click();
      await page.getByRole('alert').filter({ hasText: 'Some fields need a change: see the messages next to them.' }).waitFor();
      expect(await amount.getAttribute('aria-invalid')).toBe('true');
      expect((await errorsOf(page, amount)).join(' ')).toMatch(/at most two decimals/);
      expect(await auditScreen(page, 'budgets-field-error')).toEqual([]);
      expect(await budgetsOf()).toEqual(before);
      await context.close();
    });

    it("lets a viewer open the budget notice e-mail's link and read the budgets, with nothing to change", async () => {
      const { page, context } = await browser.newPage();
      // The link the notice e-mails carry: /login first, then the budgets.
      await page.goto(`${world.origin()}${budgetsPath()}`);
      await page.waitForURL((url) => url.pathname === '/login');
      await logIn(page, vera.username, PASSWORD);
      await page.waitForURL((url) => url.pathname === budgetsPath());
      await page.getByText('You can read the budgets; an organizational admin or billing admin sets them.').waitFor();
      expect(await page.getByRole('meter').count()).toBe(2);
      expect(await gaugeOf(page, 'The organization')).toEqual(expectedGauge(await budgetOf(null), '5,000.00'));
      expect(await page.getByRole('button', { name: 'Save the budget' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^(Change|Remove) / }).count()).toBe(0);
      expect(await page.getByRole('textbox').count()).toBe(0);
      expect(await auditScreen(page, 'budgets-read-only')).toEqual([]);
      await context.close();
    });

    it('removes a budget after a confirmation', async () => {
      const { page, context } = await signedIn(anna.username);
      await navigate(page);
      const remove = page.getByRole('button', { name: `Remove the budget of cost centre ${COST_CENTRE}` });
      await remove.click();
      const dialog = page.getByRole('dialog', { name: 'Remove the budget' });
      await dialog.getByText(`Remove the budget of cost centre ${COST_CENTRE}?`).waitFor();
      // Cancel keeps it.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect((await budgetsOf()).budgets).toHaveLength(2);

      await remove.click();
      expect(await auditScreen(page, 'budgets-remove-dialog')).toEqual([]);
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await page.getByText(`The budget of cost centre ${COST_CENTRE} is removed: orders are no longer held to it.`).waitFor();
      await card(page, `Cost centre ${COST_CENTRE}`).waitFor({ state: 'detached' });
      expect((await budgetsOf()).budgets.map((b) => b.costCentre)).toEqual([null]);
      await card(page, 'The organization').getByRole('meter').waitFor();
      await context.close();
    });
  });
}

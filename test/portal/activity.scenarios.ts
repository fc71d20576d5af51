import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { ApiClient, eventually } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn } from './portal-browser';
import type { PortalWorld } from './portal-world';

interface Member {
  id: string;
  username: string;
  client: ApiClient;
}

interface Entry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: { type: string; id: string | null; name: string | null };
  summary: string;
}

/** One row of the screen's table: the ISO time of its `<time>`, the action as written, and the cells' text. */
interface Row {
  at: string;
  action: string;
  actor: string;
  target: string;
  summary: string;
}

/** The cells of an RFC 4180 document (quoted cells may hold commas, quotes and line breaks). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/**
 * An organization's activity log in Debian's Chromium against the running platform: after its admin adds users and
 * orders, the admin opens the log from the navigation and reads each action with its actor as the API lists it;
 * filtering by an action narrows the table to the API's filtered list (and the address keeps the filter); a viewer
 * reads the log; a plain user has no link and the screen says the role may not read it; Export CSV downloads the
 * API's CSV for the same filters, its rows those of the table. Each screen is checked with axe-core.
 */
export function activityScenarios(world: PortalWorld): void {
  describe('activity log in the portal (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    let reseller: ApiClient;
    let resellerId: string;
    let productId: string;
    let org: Org;
    let productName: string;
    let anna: Member;
    let vera: Member;
    let ursula: Member;

    const activityPath = () => `/organizations/${org.id}/activity`;
    const listed = async (query = ''): Promise<Entry[]> => read(anna.client, activityPath(), query);
    const member = async (by: ApiClient, first: string, role: string): Promise<Member> => {
      const username = `${first.toLowerCase()}${tag()}@${org.domain}`;
      const created = await by.post(`/organizations/${org.id}/users`, { username, firstName: first, lastName: 'Member', email: username, role, password: PASSWORD });
      expect(created.status).toBe(201);
      return { id: created.body.id as string, username, client: await anonymous().login(username, PASSWORD) };
    };
    /** A log's entries as its reader gets them from the API. */
    const read = async (client: ApiClient, path: string, query = ''): Promise<Entry[]> => {
      const answer = await client.get(`${path}?limit=500${query}`);
      expect(answer.status).toBe(200);
      return answer.body.items as Entry[];
    };
    /** Signed in through the login page; answers once the log (the organization's unless said) holds that sign-in, so the lists read next have it. */
    const signedIn = async (who: Member, log = { client: anna.client, path: activityPath() }) => {
      const signIns = async () => (await read(log.client, log.path, `&action=user.signed-in&actorId=${who.id}`)).length;
      const before = await signIns();
      const opened = await browser.newPage();
      await opened.page.goto(`${world.origin()}/login`);
      await logIn(opened.page, who.username, PASSWORD);
      await opened.page.waitForURL((url) => url.pathname !== '/login');
      await eventually(async () => ((await signIns()) > before ? true : undefined), 20_000, 'the sign-in in the log');
      return opened;
    };
    const activityLink = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity log', exact: true });
    const navigate = async (page: Page) => {
      await activityLink(page).click();
      await page.waitForURL((url) => url.pathname === activityPath());
      await page.getByRole('table').waitFor();
      // The pointer leaves the navigation, as a person's would after the click (a hovered link is shaded).
      await page.mouse.move(1270, 790);
    };
    /**
     * The table's rows read in one step inside the page: read cell by cell, a row re-drawn in between (a reload, the
     * data arriving) could be half read.
     */
    const rowsOf = (page: Page): Promise<Row[]> =>
      page.evaluate<Row[]>(`[...document.querySelectorAll('table tbody tr')].map((line) => {
        const cells = [...line.querySelectorAll('th, td')].map((cell) => cell.innerText.trim());
        return {
          at: line.querySelector('time')?.getAttribute('datetime') ?? '',
          action: line.querySelectorAll('td')[1]?.querySelector('span')?.getAttribute('title') ?? '',
          actor: cells[1] ?? '',
          target: cells[3] ?? '',
          summary: cells[4] ?? '',
        };
      })`);
    /** What the screen should show of the API's entries. */
    const expectedRows = (entries: Entry[]) => entries.map((e) => ({ at: e.at, action: e.action, summary: e.summary }));
    const shown = (rows: Row[]) => rows.map(({ at, action, summary }) => ({ at, action, summary }));
    /**
     * The table once it shows what the API lists for the same filters: a sign-in a moment ago may reach the log
     * after the screen was drawn, so the screen is read again until the two agree. Answers both.
     */
    const agreedRows = async (page: Page, query = '') =>
      eventually(async () => {
        await page.getByRole('table').waitFor();
        const rows = await rowsOf(page);
        const entries = await listed(query);
        if (JSON.stringify(shown(rows)) === JSON.stringify(expectedRows(entries))) return { rows, entries };
        await page.reload();
        return undefined;
      }, 20_000, 'the table and the API agreeing');

    beforeAll(async () => {
      const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
      const registered = await registerReseller(platformAdmin, 'activity');
      resellerId = registered.id;
      reseller = await anonymous().login(registered.username, PASSWORD);
      org = await createOrganization(reseller);
      productName = `Logged seats ${tag()}`;
      const product = await reseller.post('/catalog/products', {
        name: productName, vendor: 'Contoso Software', sku: `LOG-${tag()}`, description: 'A product for the activity log', billingFrequency: 'monthly', price: '10.00', cost: '7.00',
      });
      expect(product.status).toBe(201);
      productId = product.body.id as string;
      expect((await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId }] })).status).toBe(200);
      anna = await member(reseller, 'Anna', 'org_admin');
      // The organization's admin adds a viewer and a user, and orders two seats.
      vera = await member(anna.client, 'Vera', 'org_viewer');
      ursula = await member(anna.client, 'Ursula', 'org_user');
      const placed = await anna.client.post(`/organizations/${org.id}/orders`, { productId: product.body.id, quantity: 2 });
      expect(placed.status).toBe(201);
      // The log is a read model of the services' events: it follows the actions by a moment.
      await eventually(async () => {
        const entries = await listed();
        const byAnna = (action: string) => entries.filter((e) => e.action === action && e.actorId === anna.id).length;
        return byAnna('user.created') === 2 && byAnna('transaction.requested') === 1 ? true : undefined;
      }, 30_000, "the admin's actions in the activity log");
    });

    afterEach(() => {
      // A script error fails the test; the 403 the plain user is answered is logged as a failed load and shown.
      const errors = browser.consoleErrors.splice(0);
      expect(errors.filter((line) => !/Failed to load resource: the server responded with a status of 403/.test(line))).toEqual([]);
    });

    it("shows the organization's admin each action, newest first, with its actor, as the API lists it", async () => {
      const { page, context } = await signedIn(anna);
      await navigate(page);
      const { rows, entries } = await agreedRows(page);
      expect(rows.map((row) => row.actor)).toEqual(entries.map((e) => (e.actorId === 'system' ? 'System' : e.actorId === 'policy' ? 'Approval policy' : e.actorName || e.actorId)));

      // The users and the order the admin made, by the admin.
      const byAnna = rows.filter((row) => row.actor === 'Anna Member');
      expect(byAnna.filter((row) => row.action === 'user.created').map((row) => row.summary).sort()).toEqual([`Created user ${ursula.username} as user`, `Created user ${vera.username} as viewer`]);
      expect(byAnna.filter((row) => row.action === 'transaction.requested').map((row) => [row.target, row.summary])).toEqual([[`Transaction: ${productName}`, `Requested an order of ${productName} x 2`]]);
      // The admin's own creation, by the reseller's admin.
      expect(rows.find((row) => row.action === 'user.created' && row.summary.startsWith(`Created user ${anna.username}`))?.actor).toBe('Rita Reseller');
      await page.getByText(/^That is all\.$/).waitFor();
      expect(await auditScreen(page, 'activity-log')).toEqual([]);
      await context.close();
    });

    it('narrows the list to an action chosen in the filter, as the API filters it, and keeps the filter in the address', async () => {
      const { page, context } = await signedIn(anna);
      await navigate(page);
      const all = (await agreedRows(page)).rows.length;
      await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption({ label: 'User created' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('action') === 'user.created');
      await page.getByRole('table').getByText(/\(filtered\)/).waitFor();
      const { rows } = await agreedRows(page, '&action=user.created');
      expect(rows.length).toBe(3);
      expect(rows.length).toBeLessThan(all);
      expect(rows.every((row) => row.action === 'user.created')).toBe(true);

      // The actor too: only what the admin did of it.
      await page.getByRole('combobox', { name: 'Actor', exact: true }).selectOption({ label: 'Anna Member' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('actor') === anna.id);
      await eventually(async () => ((await rowsOf(page)).length === 2 ? true : undefined), 10_000, 'the rows of one actor');
      await agreedRows(page, `&action=user.created&actorId=${anna.id}`);
      expect(await auditScreen(page, 'activity-log-filtered')).toEqual([]);

      // A reload keeps the filters; Clear shows everything again.
      await page.reload();
      await page.getByRole('table').waitFor();
      expect(await page.getByRole('combobox', { name: 'Action', exact: true }).inputValue()).toBe('user.created');
      expect((await rowsOf(page)).length).toBe(2);
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.waitForURL((url) => url.search === '');
      await eventually(async () => ((await rowsOf(page)).length === all ? true : undefined), 10_000, 'every row again');

      // Days (the browser's time zone is UTC): a last day before the first is refused; yesterday to today holds everything.
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('From day').fill(today);
      await page.getByLabel('To day (included)').fill(yesterday);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('The last day cannot be before the first').waitFor();
      expect(new URL(page.url()).search).toBe('');
      await page.getByLabel('From day').fill(yesterday);
      await page.getByLabel('To day (included)').fill(today);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('from') === yesterday && url.searchParams.get('to') === today);
      await page.getByRole('table').getByText(/\(filtered\)/).waitFor();
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString();
      const { rows: days } = await agreedRows(page, `&from=${encodeURIComponent(`${yesterday}T00:00:00.000Z`)}&to=${encodeURIComponent(tomorrow)}`);
      expect(days.length).toBe(all);
      await context.close();
    });

    it('lets a viewer read the log', async () => {
      const { page, context } = await signedIn(vera);
      await navigate(page);
      const { rows } = await agreedRows(page);
      expect(rows.some((row) => row.action === 'user.signed-in' && row.actor === 'Vera Member')).toBe(true);
      await context.close();
    });

    it('gives a plain user no link, and the screen says the role may not read the log', async () => {
      const { page, context } = await signedIn(ursula);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link').first().waitFor();
      expect(await activityLink(page).count()).toBe(0);
      await page.goto(`${world.origin()}${activityPath()}`);
      const alert = page.getByRole('alert').filter({ hasText: 'You may not read this activity log' });
      await alert.waitFor();
      await alert.getByText('Your role may not do this').waitFor();
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(0);
      expect(await auditScreen(page, 'activity-log-forbidden')).toEqual([]);
      await context.close();
    });

    it("downloads the API's CSV for the filters shown, its rows those of the table", async () => {
      const { page, context } = await signedIn(anna);
      await navigate(page);
      const { rows: all } = await agreedRows(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`activity-${org.id}.csv`);
      const text = await readFile((await download.path())!, 'utf8');
      expect(text).toBe((await anna.client.get(activityPath(), { accept: 'text/csv' })).body);
      const [header, ...lines] = csvCells(text);
      expect(header).toEqual(['at', 'actorId', 'actorName', 'action', 'targetType', 'targetId', 'targetName', 'summary', 'organizationId', 'resellerId', 'correlationId']);
      expect(lines.map((cells) => ({ at: cells[0], action: cells[3], summary: cells[7] }))).toEqual(shown(all));

      // With a filter, the file holds what the table shows.
      await page.getByRole('combobox', { name: 'Action', exact: true }).selectOption({ label: 'Transaction requested' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('table').getByText(/\(filtered\)/).waitFor();
      const filtered = await rowsOf(page);
      expect(filtered.length).toBe(1);
      const [narrowed] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const narrowedLines = csvCells(await readFile((await narrowed.path())!, 'utf8')).slice(1);
      expect(narrowedLines.map((cells) => ({ at: cells[0], action: cells[3], summary: cells[7] }))).toEqual(shown(filtered));
      expect(narrowedLines.map((cells) => [cells[1], cells[2]])).toEqual([[anna.id, 'Anna Member']]);
      await context.close();
    });

    it("shows the reseller admin its reseller's list at /activity, 50 at a time, and Load more continues it by the cursor", async () => {
      const resellerLog = `/resellers/${resellerId}/activity`;
      // More than a page of the reseller's own actions: the organization's e-store emptied and set again, 25 times each.
      for (let i = 0; i < 50; i++) expect((await reseller.request('PUT', `/organizations/${org.id}/store`, { products: i % 2 === 0 ? [] : [{ productId }] })).status).toBe(200);
      await eventually(async () => ((await read(reseller, resellerLog, '&action=store.curated')).length >= 51 ? true : undefined), 30_000, 'the e-store settings in the log');
      const me = (await reseller.get('/me')).body as { id: string; username: string };
      const { page, context } = await signedIn({ id: me.id, username: me.username, client: reseller }, { client: reseller, path: resellerLog });
      await activityLink(page).click();
      await page.waitForURL((url) => url.pathname === '/activity');
      const caption = page.getByRole('table').locator('caption');
      await caption.filter({ hasText: "Your reseller's actions and its organizations': 50 shown" }).waitFor();
      await page.mouse.move(1270, 790);
      expect(await auditScreen(page, 'activity-log-reseller')).toEqual([]);
      const entries = await read(reseller, resellerLog);
      expect(entries.length).toBeGreaterThan(50);
      expect(shown(await rowsOf(page))).toEqual(expectedRows(entries.slice(0, 50)));

      await page.getByRole('button', { name: 'Load more' }).click();
      await caption.filter({ hasText: `: ${Math.min(entries.length, 100)} shown` }).waitFor();
      expect(shown(await rowsOf(page))).toEqual(expectedRows(entries.slice(0, 100)));
      if (entries.length <= 100) await page.getByText(/^That is all\.$/).waitFor();
      await context.close();
    });
  });
}

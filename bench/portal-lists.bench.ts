import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PortalBrowser, logIn } from '../test/portal/portal-browser';
import { microsoft365Export } from '../test/portal/microsoft365-export';
import { benchPlatform, startBenchPlatform } from './support/bench-platform';
import { compare, type BenchmarkOutcome, type ComparisonRow } from './support/bench-result';
import { msSince, now, sleep } from './support/clock';
import { ok } from './support/http-load';
import { BENCH_PASSWORD, addReseller, addSeat } from './support/order-world';
import { median } from './support/statistics';
import { log } from './support/report';

const ROWS = 500;
const PAGE = 50;
/** Orders in flight while the 500 subscriptions are made. */
const IN_FLIGHT = 8;

interface ListUnderTest {
  /** The table's accessible name, its pager's, the screen's path and the API list behind it. */
  table: string;
  pager: string;
  path: string;
  apiPath: string;
  /** Which cell tells rows apart (tick boxes not counted), and its text as the screen shows it, from the API's item. */
  keyCell: number;
  keyOf: (item: Record<string, unknown>) => string;
}

// The code below that runs in the page is written as text: the benchmarks compile without the DOM's types.

/** Waits in the page, frame by frame, until the table's body has `count` rows and its first row is the one wanted. */
async function rowsShown(page: Page, list: ListUnderTest, count: number, first: Record<string, unknown>): Promise<void> {
  const rows = JSON.stringify(`table[aria-label="${list.table}"] tbody tr`);
  // One evaluation that settles in the page (the portal's CSP allows no evaluated predicates there).
  const shown = await page.evaluate<boolean>(`new Promise((resolve) => {
    const deadline = performance.now() + 60000;
    const check = () => {
      const rows = document.querySelectorAll(${rows});
      const cells = rows.length === ${count} ? [...rows[0].querySelectorAll('td')].filter((td) => !td.querySelector('input[type="checkbox"]')) : [];
      if ((cells[${list.keyCell}]?.textContent ?? '').trim() === ${JSON.stringify(list.keyOf(first))}) resolve(true);
      else if (performance.now() > deadline) resolve(false);
      else requestAnimationFrame(check);
    };
    check();
  })`);
  if (!shown) throw new Error(`Portal lists: ${list.table} did not show ${count} rows starting with ${list.keyOf(first)} within 60 s`);
}

/** Starts recording the page's long main-thread tasks (the Long Tasks API). */
async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask' });
  })()`);
}

/** The longest main-thread task since the last call, in ms (0 when none reached the Long Tasks API's 50 ms). */
async function longestTask(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const longest = Math.max(0, ...(window.longTasks ?? []));
    window.longTasks = [];
    return longest;
  })()`);
}

/**
 * With BENCH_CPU_PROFILE=1, records the page's JavaScript (Chrome's sampling profiler) from now to `save`, into
 * `.local/bench/<name>.cpuprofile` (open it in Chrome's DevTools, Performance panel); null otherwise.
 */
async function startProfile(context: BrowserContext, page: Page): Promise<{ save(name: string): Promise<void> } | null> {
  if (process.env.BENCH_CPU_PROFILE !== '1') return null;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async save(name) {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      const file = join(process.cwd(), '.local', 'bench', `${name}.cpuprofile`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      log(`  portal lists: CPU profile written to ${file}`);
    },
  };
}

/**
 * The floor of showing `items` as a table in the same browser: a plain table of the same rows and columns built with
 * the DOM, laid out and painted (one animation frame). Answers the time and the longest task it caused.
 */
async function plainTable(page: Page, items: Record<string, unknown>[], columns: number): Promise<{ ms: number; longestMs: number }> {
  await longestTask(page);
  const ms = await page.evaluate<number>(`new Promise((resolve) => {
    const rows = ${JSON.stringify(items.map((item) => Object.values(item).map((value) => String(value ?? ''))))};
    const start = performance.now();
    const table = document.createElement('table');
    const body = table.createTBody();
    for (const values of rows) {
      const tr = body.insertRow();
      for (let c = 0; c < ${columns}; c++) tr.insertCell().textContent = values[c] ?? '';
    }
    document.body.appendChild(table);
    void table.offsetHeight;
    requestAnimationFrame(() => {
      const elapsed = performance.now() - start;
      table.remove();
      resolve(elapsed);
    });
  })`);
  await sleep(100);
  return { ms, longestMs: await longestTask(page) };
}

/**
 * The portal's Users and My services screens with 500 users and 500 subscriptions, in Chromium against the platform
 * as `npm start` runs it: a page of 500 rows (Rows per page: 500) from the choice to the last row shown, and paging
 * through all of them 50 at a time (Next page), with the longest main-thread task of each. The baseline is the floor
 * of the same work in the same run: the API's answer for the same rows fetched directly, plus a plain DOM table of
 * them laid out and painted in the same browser.
 */
export async function runPortalListsBenchmark(): Promise<BenchmarkOutcome> {
  const platform = benchPlatform();
  const browser = new PortalBrowser();
  try {
    await startBenchPlatform(platform, 'portal lists');
    const { anonymous, reseller, t } = await addReseller(platform, 'lists');
    const domain = `lists${t}.example`;
    const orgId = ok(await reseller.post('/organizations', { name: `Lists ${t}`, primaryDomain: domain, notificationEmail: `it@${domain}` }), 201, 'the organization').id as string;
    const adminUsername = `anna@${domain}`;
    ok(await reseller.post(`/organizations/${orgId}/users`, { username: adminUsername, firstName: 'Anna', lastName: 'Admin', email: adminUsername, role: 'org_admin', password: BENCH_PASSWORD }), 201, 'the org admin');
    const orgAdmin = await anonymous.login(adminUsername, BENCH_PASSWORD);

    // 499 users by the import (the admin makes 500), and 500 subscriptions by as many orders.
    const seeding = now();
    const job = ok(await orgAdmin.request('POST', `/organizations/${orgId}/user-import-jobs`, undefined, { 'content-type': 'text/csv; charset=utf-8' }, microsoft365Export(domain, ROWS - 1)), 202, 'the import');
    const productId = await addSeat(reseller, t);
    ok(await reseller.request('PUT', `/organizations/${orgId}/store`, { products: [{ productId }] }), 200, 'the e-store');
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < ROWS) {
          next += 1;
          ok(await orgAdmin.post(`/organizations/${orgId}/orders`, { productId, quantity: next }), 201, 'an order');
        }
      }),
    );
    const listed = async (path: string) => ((await orgAdmin.get(`${path}?limit=${ROWS}`)).body.items as unknown[] | undefined)?.length ?? 0;
    let users = 0;
    let subscriptions = 0;
    const deadline = Date.now() + 180_000;
    while ((users < ROWS || subscriptions < ROWS) && Date.now() < deadline) {
      users = await listed(`/organizations/${orgId}/users`);
      subscriptions = await listed(`/organizations/${orgId}/subscriptions`);
      if (users < ROWS || subscriptions < ROWS) await sleep(500);
    }
    if (users < ROWS || subscriptions < ROWS) throw new Error(`Portal lists: ${users} users and ${subscriptions} subscriptions listed after 3 minutes (job ${job.id})`);
    log(`  portal lists: ${ROWS} users and ${ROWS} subscriptions made and listed in ${(msSince(seeding) / 1000).toFixed(1)} s`);

    await browser.launch();
    const { page, context } = await browser.newPage();
    await page.goto(`${platform.openUrl}/login`);
    await logIn(page, adminUsername, BENCH_PASSWORD);
    await page.waitForURL((url) => url.pathname !== '/login');

    const lists: ListUnderTest[] = [
      { table: 'Users', pager: 'Users pages', path: `/organizations/${orgId}/users`, apiPath: `/organizations/${orgId}/users`, keyCell: 0, keyOf: (item) => String(item.username) },
      // One product: the quantities (1 to 500) tell the subscriptions apart.
      { table: 'My services', pager: 'Services pages', path: `/organizations/${orgId}/services`, apiPath: `/organizations/${orgId}/subscriptions`, keyCell: 1, keyOf: (item) => String(item.quantity) },
    ];
    const rows: ComparisonRow[] = [];
    const details: Record<string, unknown> = { rows: ROWS, pageSize: PAGE };
    for (const list of lists) {
      await page.goto(`${platform.openUrl}${list.path}`);
      const firstPage = ok(await orgAdmin.get(`${list.apiPath}?limit=${PAGE}`), 200, list.table) as { items: Record<string, unknown>[]; nextCursor: string | null };
      await rowsShown(page, list, PAGE, firstPage.items[0]!);
      const columns = await page.locator(`table[aria-label="${list.table}"] thead th`).count();
      await recordLongTasks(page);

      // Paging through all 500, 50 at a time; the baseline fetches the same pages and draws them plainly.
      const turns: number[] = [];
      const turnTasks: number[] = [];
      const floors: number[] = [];
      const floorTasks: number[] = [];
      let cursor = firstPage.nextCursor;
      while (cursor) {
        const fetchStart = now();
        const nextPage = ok(await orgAdmin.get(`${list.apiPath}?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`), 200, list.table) as typeof firstPage;
        const fetchMs = msSince(fetchStart);
        const plain = await plainTable(page, nextPage.items, columns);
        floors.push(fetchMs + plain.ms);
        floorTasks.push(plain.longestMs);
        await longestTask(page);
        const turn = now();
        await page.getByRole('navigation', { name: list.pager }).getByRole('button', { name: 'Next page' }).click();
        await rowsShown(page, list, nextPage.items.length, nextPage.items[0]!);
        turns.push(msSince(turn));
        await sleep(100);
        turnTasks.push(await longestTask(page));
        cursor = nextPage.nextCursor;
      }
      if (turns.length !== ROWS / PAGE - 1) throw new Error(`Portal lists: ${list.table} turned ${turns.length} pages, not ${ROWS / PAGE - 1}`);

      // One page of all 500 rows.
      const all = ok(await orgAdmin.get(`${list.apiPath}?limit=${ROWS}`), 200, list.table) as typeof firstPage;
      const fetchAllStart = now();
      ok(await orgAdmin.get(`${list.apiPath}?limit=${ROWS}`), 200, list.table);
      const fetchAllMs = msSince(fetchAllStart);
      const plainAll = await plainTable(page, all.items, columns);
      await longestTask(page);
      const profiler = await startProfile(context, page);
      const wholeStart = now();
      await page.getByRole('combobox', { name: 'Rows per page' }).selectOption(String(ROWS));
      await rowsShown(page, list, ROWS, all.items[0]!);
      const wholeMs = msSince(wholeStart);
      await profiler?.save(`portal-${list.table.toLowerCase().replace(/\W+/g, '-')}-500-rows`);
      await sleep(100);
      const wholeTask = await longestTask(page);
      // Back to 50 a page for the next screen's start.
      await page.getByRole('combobox', { name: 'Rows per page' }).selectOption(String(PAGE));

      log(`  portal lists: ${list.table}: 500 rows shown in ${wholeMs.toFixed(0)} ms (longest task ${wholeTask.toFixed(0)} ms); next page median ${median(turns).toFixed(0)} ms, slowest ${Math.max(...turns).toFixed(0)} ms`);
      rows.push(
        compare({ benchmark: `Portal ${list.table}`, metric: '500-row page shown', unit: 'ms', ours: wholeMs, baseline: fetchAllMs + plainAll.ms, better: 'lower', baselineLabel: 'API fetch + plain DOM table, same rows' }),
        // The Long Tasks API reports nothing under 50 ms: 0 is "under 50 ms", counted as 1 ms. The plain table is built in
        // one task, so its whole time is its longest task.
        compare({ benchmark: `Portal ${list.table}`, metric: 'longest task, 500 rows', unit: 'ms', ours: Math.max(wholeTask, 1), baseline: Math.max(plainAll.longestMs, plainAll.ms), better: 'lower', baselineLabel: 'plain DOM table of the same rows, built in one task' }),
        compare({ benchmark: `Portal ${list.table}`, metric: 'next page (50 rows), median', unit: 'ms', ours: median(turns), baseline: median(floors), better: 'lower', baselineLabel: 'API fetch + plain DOM table, same page' }),
      );
      details[list.table] = { wholeMs, wholeTask, fetchAllMs, plainAll, turns, turnTasks, floors, floorTasks, columns };
    }
    await context.close();
    return { name: 'portal-lists', rows, details };
  } finally {
    await browser.close();
    await platform.stop();
  }
}

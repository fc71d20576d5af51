import { join, resolve } from 'node:path';
import { source as axeSource } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it from apt); a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/**
 * Every run photographs each screen into .local/screenshots/; `UPDATE_SCREENSHOTS=1` writes docs/screenshots/ instead,
 * the set the README shows (test data has random names, so a plain test run leaves the committed set alone).
 */
const SCREENSHOTS = resolve(__dirname, '../..', process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : '.local/screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Chromium with Playwright's temporary profile (new and empty, removed on close). */
export class PortalBrowser {
  private browser: Browser | null = null;
  /** Lines the pages logged as errors (a CSP refusal among them): a test expects none. */
  readonly consoleErrors: string[] = [];

  async launch(): Promise<void> {
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  }

  /** A fresh context (no cookies, no storage): one person in one tab. */
  async newPage(viewport = DESKTOP): Promise<{ page: Page; context: BrowserContext }> {
    const context = await this.browser!.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`${page.url()}: ${error.message}`));
    return { page, context };
  }

  async close(): Promise<void> {
    await this.browser?.close();
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page as it is (through the debugging protocol, so the page's CSP needs no exception) and
 * answers the serious and critical violations; saves a screenshot as <name>.png (see SCREENSHOTS).
 */
export async function auditScreen(page: Page, name: string): Promise<AxeViolation[]> {
  await page.waitForLoadState('networkidle');
  await settled(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run('html', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) }));
  });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/**
 * Waits until no CSS transition or finite animation has run for two frames in a row (at most 5 s): a dialog fading in,
 * or a menu fading out, is half transparent, and axe would judge its contrast or its half-removed items.
 */
export async function settled(page: Page): Promise<void> {
  // Text, not a function: the tests compile without the DOM's types.
  await page.evaluate(`(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const deadline = performance.now() + 5000;
    let quietFrames = 0;
    while (quietFrames < 2 && performance.now() < deadline) {
      await frame();
      // A spinner's animation never ends: only those with an end count.
      const running = document.getAnimations().filter((animation) => (animation.playState === 'running' || animation.playState === 'pending') && animation.effect?.getComputedTiming().endTime !== Infinity);
      if (running.length === 0) quietFrames++;
      else {
        quietFrames = 0;
        await Promise.race([Promise.all(running.map((animation) => animation.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 1000))]);
      }
    }
  })()`);
}

/** Logs in through the login page (it must be showing). */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

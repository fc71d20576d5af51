import { ApiClient } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { PlatformProcess } from '../support/platform-process';
import { auditScreen, logIn, PHONE, PortalBrowser } from './portal-browser';

jest.setTimeout(300_000);

/**
 * Import users in the portal, in Debian's Chromium against the running platform: an organization admin opens it
 * from the Users screen, downloads the template, uploads a Microsoft 365 admin center export, follows the progress
 * and reads each row's result; the job and its users are then checked through the API. A file the import cannot
 * read shows the API's reasons next to the file field; an org_viewer is offered no import.
 */

const M365_HEADER = [
  'Block credential', 'City', 'Country/Region', 'Department', 'Display name', 'First name', 'Last name', 'Licenses',
  'Object Id', 'Office', 'Proxy addresses', 'Title', 'Usage location', 'User principal name', 'When created',
];

/** `count` users of `domain` as the export lists them (quoting, a BOM, CRLF), and one of the tenant's own domain. */
function microsoft365Export(domain: string, count: number): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const line = (values: Record<string, string>) => M365_HEADER.map((c) => quote(values[c] ?? '')).join(',');
  const lines = [M365_HEADER.join(',')];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, '0');
    lines.push(
      line({
        'Block credential': 'False', City: 'Bellevue', Department: 'Sales, EMEA', 'Display name': `Person${n} Exported`, 'First name': `Person${n}`,
        'Last name': 'Exported', Licenses: 'contoso:SPB', 'Object Id': `96ca293c-29dd-4668-a763-ee407bd93${n}`, Office: 'Building "A"',
        'Proxy addresses': `smtp:p${n}@contoso.onmicrosoft.com+SMTP:person${n}@${domain}`, Title: 'Retail Manager', 'Usage location': 'US',
        'User principal name': `Person${n}@${domain.toUpperCase()}`, 'When created': '2021-09-05 23:19:44Z',
      }),
    );
  }
  lines.push(line({ 'Display name': 'Tenant Admin', 'First name': 'Tenant', 'Last name': 'Admin', 'User principal name': `admin@contoso${tag()}.onmicrosoft.com` }));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('portal: import users (browser, end to end)', () => {
  const platform = new PlatformProcess();
  const browser = new PortalBrowser();
  const anonymous = () => new ApiClient(platform.baseUrl);
  const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
  let org: Org;
  let orgAdminUsername: string;
  let orgAdmin: ApiClient;
  let viewerUsername: string;

  beforeAll(async () => {
    await platform.start();
    await browser.launch();
    const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
    const reseller = await anonymous().login((await registerReseller(platformAdmin, 'importui')).username, PASSWORD);
    org = await createOrganization(reseller);
    orgAdminUsername = `anna${tag()}@${org.domain}`;
    viewerUsername = `vera${tag()}@${org.domain}`;
    for (const [username, role] of [[orgAdminUsername, 'org_admin'], [viewerUsername, 'org_viewer']] as const) {
      const created = await reseller.post(`/organizations/${org.id}/users`, { username, firstName: 'Anna', lastName: 'Admin', email: username, role, password: PASSWORD });
      expect(created.status).toBe(201);
    }
    orgAdmin = await anonymous().login(orgAdminUsername, PASSWORD);
  });

  afterAll(async () => {
    await browser.close();
    await platform.stop();
  });

  afterEach(() => {
    // The unreadable file's 400 is logged by the browser as a failed load, and shown by the page.
    expect(browser.consoleErrors.filter((line) => !/Failed to load resource: the server responded with a status of 400/.test(line))).toEqual([]);
    browser.consoleErrors.length = 0;
  });

  it('uploads a Microsoft 365 export from the Users screen, shows the progress and each row, and the users exist', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${origin()}/login`);
    await logIn(page, orgAdminUsername, PASSWORD);
    await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users`);
    await page.getByRole('link', { name: 'Import users' }).click();
    await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users/import`);
    await page.getByRole('heading', { name: `Import users into Org ${org.domain}` }).waitFor();

    // The template offered is one the import reads.
    const template = decodeURIComponent((await page.getByRole('link', { name: 'Download the template' }).getAttribute('href'))!.replace(/^data:text\/csv;charset=utf-8,/, ''));
    expect(template.split('\r\n')[0]).toBe('username,firstName,lastName,email,role,password');
    expect(template).toContain(`@${org.domain}`);
    expect(await auditScreen(page, 'users-import')).toEqual([]);

    await page.locator('input[type="file"]').setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: Buffer.from(microsoft365Export(org.domain, 60)) });
    await page.getByRole('button', { name: 'Import users' }).click();
    await page.waitForURL((url) => url.searchParams.has('job'));
    const jobId = new URL(page.url()).searchParams.get('job')!;
    await page.getByText('61 of 61 rows processed: 60 created, 1 failed.').waitFor({ timeout: 120_000 });
    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await page.getByRole('cell', { name: `person001@${org.domain}`, exact: true }).waitFor();

    // The failed row alone, with its reason.
    await page.getByText('Failed (1)').click();
    const failedRow = page.getByRole('row').filter({ hasText: '62' });
    await failedRow.getByText(/organization's domains/).waitFor();
    expect(await auditScreen(page, 'users-import-result')).toEqual([]);

    // What the page showed is what the API says.
    const job = await orgAdmin.get(`/organizations/${org.id}/user-import-jobs/${jobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ status: 'done', format: 'microsoft365', total: 61, processed: 61 });
    expect(job.body.created).toHaveLength(60);
    expect(job.body.failed.map((f: { row: number }) => f.row)).toEqual([62]);
    const user = await orgAdmin.get(`/organizations/${org.id}/users/${job.body.created[0].id}`);
    expect(user.body).toMatchObject({ username: `person001@${org.domain}`, firstName: 'Person001', lastName: 'Exported', email: `person001@${org.domain}`, role: 'org_user' });

    // The job stays at its address: at phone width, on a fresh page, it shows the same result.
    const phone = await browser.newPage(PHONE);
    await phone.page.goto(`${origin()}/login`);
    await logIn(phone.page, orgAdminUsername, PASSWORD);
    await phone.page.waitForURL((url) => url.pathname.endsWith('/users'));
    await phone.page.goto(`${origin()}/organizations/${org.id}/users/import?job=${jobId}`);
    await phone.page.getByText('61 of 61 rows processed: 60 created, 1 failed.').waitFor();
    expect(await auditScreen(phone.page, 'users-import-phone')).toEqual([]);
    await phone.context.close();
    await context.close();
  });

  it("shows the API's reasons next to the file field for a file it cannot read, and starts no job", async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${origin()}/login`);
    await logIn(page, orgAdminUsername, PASSWORD);
    await page.waitForURL((url) => url.pathname.endsWith('/users'));
    await page.goto(`${origin()}/organizations/${org.id}/users/import`);
    await page.locator('input[type="file"]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('name,mail\r\nAdele,adele@x.example\r\n') });
    await page.getByRole('button', { name: 'Import users' }).click();
    // The reasons show as the file field's error.
    await page.locator('.mantine-FileInput-error').getByText(/The header row is not one the import knows: .*User principal name/).waitFor();
    expect(new URL(page.url()).searchParams.has('job')).toBe(false);
    await context.close();
  });

  it('offers an org_viewer no import: no button on Users, and the screen says the role may not add users', async () => {
    const { page, context } = await browser.newPage();
    await page.goto(`${origin()}/login`);
    await logIn(page, viewerUsername, PASSWORD);
    await page.waitForURL((url) => url.pathname === `/organizations/${org.id}/users`);
    await page.getByRole('heading', { name: /^Users/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Import users' }).count()).toBe(0);
    await page.goto(`${origin()}/organizations/${org.id}/users/import`);
    await page.getByRole('alert').getByText('Your role may not add users.').waitFor();
    expect(await page.getByLabel('File to import').count()).toBe(0);
    await context.close();
  });
});

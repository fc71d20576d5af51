import { ApiClient } from '../support/http-client';
import { createOrganization, PASSWORD, registerReseller, tag, type Org } from '../support/fixtures';
import { auditScreen, logIn, PHONE } from './portal-browser';
import { microsoft365Export } from './microsoft365-export';
import type { PortalWorld } from './portal-world';

/**
 * Import users in the portal, in Debian's Chromium against the running platform: an organization admin opens it
 * from the Users screen, downloads the template, uploads a Microsoft 365 admin center export, follows the progress
 * and reads each row's result; the job and its users are then checked through the API. A file the import cannot
 * read shows the API's reasons next to the file field; an org_viewer is offered no import.
 */

export function usersImportScenarios(world: PortalWorld): void {
  describe('portal: import users (browser, end to end)', () => {
    const { platform, browser } = world;
    const anonymous = () => new ApiClient(platform.baseUrl);
    const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
    let org: Org;
    let orgAdminUsername: string;
    let orgAdmin: ApiClient;
    let viewerUsername: string;

    beforeAll(async () => {
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
}

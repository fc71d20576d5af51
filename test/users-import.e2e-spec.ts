import { ApiClient, type ApiResponse } from './support/http-client';
import { PASSWORD, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(300_000);

/**
 * CSV import of users through the HTTP API, every service its own process: a 1,000-row file in our template with
 * ten bad rows, the Microsoft 365 admin center export as it comes, re-imports that create nothing twice, and who
 * may import where.
 */
const ROW_PASSWORD = 'Lake-Vista-84!q';

interface ImportResult {
  format: string;
  created: { row: number; id: string; username: string }[];
  failed: { row: number; errors: { field: string; message: string }[] }[];
}

/** POST a CSV body (the shared ApiClient sends JSON only). */
async function postCsv(baseUrl: string, token: string, path: string, csv: string, contentType = 'text/csv; charset=utf-8'): Promise<ApiResponse<ImportResult & { detail?: string; errors?: { field: string; message: string }[] }>> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: csv });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/**
 * 1,000 data rows (spreadsheet rows 2..1001) in our template; passwords on every 100th row only (hashing is slow on
 * purpose). The ten bad rows and what each must report.
 */
function thousandRowFile(domain: string, existingUsername: string): { csv: string; bad: Map<number, string[]> } {
  const lines = ['username,firstName,lastName,email,role,password'];
  const bad = new Map<number, string[]>();
  for (let i = 1; i <= 1000; i++) {
    const row = i + 1;
    const n = String(i).padStart(4, '0');
    const username = `member${n}@${domain}`;
    let line = `${username},Member${n},Importson,${username},,${i % 100 === 0 ? ROW_PASSWORD : ''}`;
    switch (i) {
      case 50: line = `member${n}@elsewhere.example,Member${n},Importson,member${n}@elsewhere.example,,`; bad.set(row, ['username']); break;
      case 150: line = `${username},Member${n},Importson,not-an-email,,`; bad.set(row, ['email']); break;
      case 250: line = `${username},,,${username},,`; bad.set(row, ['firstName', 'lastName']); break;
      case 350: line = `${username},Member${n},Importson,${username},,short`; bad.set(row, ['password']); break;
      case 450: line = `${username},Member${n},Importson,${username},chief,`; bad.set(row, ['role']); break;
      case 550: line = `member0549@${domain},Member${n},Importson,${username},,`; bad.set(row, ['username']); break;
      case 650: line = `${existingUsername},Member${n},Importson,${existingUsername},,`; bad.set(row, ['username']); break;
      case 750: line = `not a username,Member${n},Importson,${username},,`; bad.set(row, ['username']); break;
      case 850: line = `${username},Member${n},Importson,${username},,,surplus`; bad.set(row, ['row']); break;
      case 950: line = `${username},Member${n},Importson,${username},reseller_admin,${ROW_PASSWORD}`; bad.set(row, ['role']); break;
    }
    lines.push(line);
  }
  return { csv: `${lines.join('\r\n')}\r\n`, bad };
}

/** A Microsoft 365 admin center "Export users" file as it comes: BOM, CRLF, every column, quoting. */
function microsoft365Export(domain: string): string {
  const header = [
    'Block credential', 'City', 'Country/Region', 'Department', 'DirSyncEnabled', 'Display name', 'Fax', 'First name',
    'Last dirsync time', 'Last name', 'Last password change time stamp', 'License assignment details', 'Licenses',
    'Mobile Phone', 'Oath token meta data', 'Object Id', 'Office', 'Password never expires', 'Phone number', 'Postal code',
    'Preferred data location', 'Preferred language', 'Proxy addresses', 'Release track', 'Soft deletion time stamp', 'State',
    'Street address', 'Strong password required', 'Title', 'Usage location', 'User principal name', 'When created',
  ];
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const row = (values: Record<string, string>) => header.map((c) => quote(values[c] ?? '')).join(',');
  const lines = [
    header.map(quote).join(','),
    row({
      'Block credential': 'False', City: 'Bellevue', 'Country/Region': 'United States', Department: 'Sales, EMEA', 'Display name': 'Adele Vance',
      'First name': 'Adele', 'Last name': 'Vance', 'License assignment details': 'Microsoft 365 Business Premium (Direct)',
      Licenses: 'contoso:SPB+contoso:TEAMS_EXPLORATORY', 'Object Id': '96ca293c-29dd-4668-a763-ee407bd935d7', Office: 'Building "A", 18/2111',
      'Password never expires': 'False', 'Phone number': '+1 425 555 0109', 'Postal code': '98004', 'Preferred language': 'en-US',
      'Proxy addresses': `smtp:adelev@contoso.onmicrosoft.com+SMTP:adele.vance@${domain}`, 'Street address': '205 108th Ave NE\nSuite 400',
      'Strong password required': 'True', Title: 'Retail Manager', 'Usage location': 'US', 'User principal name': `AdeleV@${domain.toUpperCase()}`,
      'When created': '2021-09-05 23:19:44Z',
    }),
    row({
      'Block credential': 'False', Department: 'Finance', 'Display name': 'Berg, Anna Maria', 'Object Id': '1d0c6b0e-6f55-4d8e-9a33-8c2f0b7e3a11',
      Licenses: 'Unlicensed', 'Password never expires': 'True', 'Usage location': 'SE', 'User principal name': `anna.berg@${domain}`,
      'When created': '2022-01-10 08:00:00Z',
    }),
    row({
      'Block credential': 'True', 'Display name': 'Tenant Admin', 'First name': 'Tenant', 'Last name': 'Admin', Licenses: 'Unlicensed',
      'Object Id': '15e91f38-3651-425f-810a-56e0fb00287a', 'User principal name': `admin@contoso${tag()}.onmicrosoft.com`, 'When created': '2020-03-18 19:49:35Z',
    }),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The platform admin's first login. /health can answer before identity has created the bootstrap admin, so the
 * first attempts may fail: retry for a while (slowly, so the login throttle is not provoked).
 */
async function loginPlatformAdmin(anonymous: ApiClient, platform: PlatformProcess): Promise<ApiClient> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await anonymous.post('/auth/login', { username: platform.adminUsername, password: platform.adminPassword });
    if (response.status === 200) return anonymous.as(response.body.accessToken);
    if (Date.now() > deadline) throw new Error(`The platform admin cannot log in: ${response.status} ${JSON.stringify(response.body)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('users import (end to end)', () => {
  const platform = new PlatformProcess();
  let anonymous: ApiClient;
  let resellerAdmin: ApiClient;
  let resellerAdminToken: string;
  let otherResellerAdminToken: string;
  let orgAdmin: ApiClient;
  let orgAdminToken: string;
  let orgViewerToken: string;
  let orgId: string;
  let domain: string;
  let orgAdminUsername: string;

  const tokenOf = async (username: string, password: string): Promise<string> => {
    const response = await anonymous.post('/auth/login', { username, password });
    expect(response.status).toBe(200);
    return response.body.accessToken;
  };

  const createReseller = async (platformAdmin: ApiClient, name: string): Promise<string> => {
    const t = tag();
    const username = `admin@${name}${t}.example`;
    const created = await platformAdmin.post('/resellers', {
      name: `${name} ${t}`, currency: 'EUR', notificationEmail: `n@${name}${t}.example`, supportEmail: `s@${name}${t}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
    });
    expect(created.status).toBe(201);
    return tokenOf(username, PASSWORD);
  };

  const createOrgUser = async (role: string): Promise<string> => {
    const username = `${role.replace(/_/g, '')}@${domain}`;
    const created = await resellerAdmin.post(`/organizations/${orgId}/users`, { username, firstName: 'Quinn', lastName: 'Tester', email: username, role, password: PASSWORD });
    expect([created.status, created.body?.id]).toEqual([201, expect.any(String)]);
    return username;
  };

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    const platformAdmin = await loginPlatformAdmin(anonymous, platform);
    resellerAdminToken = await createReseller(platformAdmin, 'importx');
    resellerAdmin = anonymous.as(resellerAdminToken);
    otherResellerAdminToken = await createReseller(platformAdmin, 'importy');
    domain = `contoso${tag()}.example`;
    const org = await resellerAdmin.post('/organizations', { name: 'Contoso', primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(org.status).toBe(201);
    orgId = org.body.id;
    orgAdminUsername = await createOrgUser('org_admin');
    orgAdminToken = await tokenOf(orgAdminUsername, PASSWORD);
    orgAdmin = anonymous.as(orgAdminToken);
    orgViewerToken = await tokenOf(await createOrgUser('org_viewer'), PASSWORD);
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('imports 1,000 rows with 10 bad ones: 990 users created, the 10 rows reported with their reasons; other requests keep being served', async () => {
    const { csv, bad } = thousandRowFile(domain, orgAdminUsername);
    let importFinished = false;
    const importing = postCsv(platform.baseUrl, orgAdminToken, `/organizations/${orgId}/users/import`, csv).finally(() => (importFinished = true));

    // While the import runs, a login and a read are answered as usual.
    await new Promise((r) => setTimeout(r, 300));
    const issuedDuringImport = !importFinished;
    const meanwhile = await Promise.all([anonymous.post('/auth/login', { username: orgAdminUsername, password: PASSWORD }), orgAdmin.get('/me')]);
    expect(meanwhile.map((r) => r.status)).toEqual([200, 200]);
    expect(issuedDuringImport).toBe(true);

    const response = await importing;
    expect(response.status).toBe(200);
    const { created, failed, format } = response.body;
    expect(format).toBe('template');
    expect(created).toHaveLength(990);
    expect(failed.map((f) => f.row)).toEqual([...bad.keys()]);
    for (const failure of failed) {
      expect([failure.row, [...new Set(failure.errors.map((e) => e.field))].sort()]).toEqual([failure.row, [...bad.get(failure.row)!].sort()]);
      for (const error of failure.errors) expect(error.message).toEqual(expect.any(String));
    }
    const reasons = new Map(failed.map((f) => [f.row, f.errors.map((e) => e.message).join(' | ')]));
    expect(reasons.get(51)).toContain("organization's domains");
    expect(reasons.get(351)).toMatch(/at least 8 characters/);
    expect(reasons.get(551)).toContain('row 550');
    expect(reasons.get(651)).toContain('already exists');

    // Row numbers are spreadsheet rows: row 2 is the first user.
    expect(created[0]).toMatchObject({ row: 2, username: `member0001@${domain}` });
    expect(new Set(created.map((c) => c.username)).size).toBe(990);

    // A user imported with a password logs in; one imported without has no credential and cannot.
    await anonymous.login(`member0100@${domain}`, ROW_PASSWORD);
    expect((await anonymous.post('/auth/login', { username: `member0001@${domain}`, password: ROW_PASSWORD })).status).toBe(401);

    const one = await resellerAdmin.get(`/organizations/${orgId}/users/${created[0]!.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ username: `member0001@${domain}`, firstName: 'Member0001', lastName: 'Importson', email: `member0001@${domain}`, role: 'org_user', status: 'active' });

    // The same file again creates nothing: every good row now fails as an existing user.
    const again = await postCsv(platform.baseUrl, resellerAdminToken, `/organizations/${orgId}/users/import`, csv);
    expect(again.status).toBe(200);
    expect(again.body.created).toEqual([]);
    expect(again.body.failed).toHaveLength(1000);
    const existing = again.body.failed.filter((f) => f.errors.some((e) => e.field === 'username' && e.message.includes('already exists')));
    expect(existing.map((f) => f.row)).toEqual(expect.arrayContaining(created.map((c) => c.row)));
  });

  it('imports the Microsoft 365 admin center export as it comes, and a second time creates nothing', async () => {
    const file = microsoft365Export(domain);
    const response = await postCsv(platform.baseUrl, resellerAdminToken, `/organizations/${orgId}/users/import`, file);
    expect(response.status).toBe(200);
    expect(response.body.format).toBe('microsoft365');
    expect(response.body.created.map((c) => [c.row, c.username])).toEqual([
      [2, `adelev@${domain}`],
      [3, `anna.berg@${domain}`],
    ]);
    // The onmicrosoft.com account is not in one of the organization's domains.
    expect(response.body.failed).toEqual([{ row: 4, errors: [expect.objectContaining({ field: 'username', message: expect.stringContaining("organization's domains") })] }]);

    const adele = await resellerAdmin.get(`/organizations/${orgId}/users/${response.body.created[0]!.id}`);
    expect(adele.body).toMatchObject({ username: `adelev@${domain}`, firstName: 'Adele', lastName: 'Vance', email: `adele.vance@${domain}`, role: 'org_user' });
    const anna = await resellerAdmin.get(`/organizations/${orgId}/users/${response.body.created[1]!.id}`);
    expect(anna.body).toMatchObject({ firstName: 'Anna Maria', lastName: 'Berg', email: `anna.berg@${domain}` });

    const again = await postCsv(platform.baseUrl, resellerAdminToken, `/organizations/${orgId}/users/import`, file);
    expect(again.status).toBe(200);
    expect(again.body.created).toEqual([]);
    expect(again.body.failed.filter((f) => f.errors.some((e) => e.message.includes('already exists'))).map((f) => f.row)).toEqual([2, 3]);
  });

  it('refuses an org viewer (403) and another reseller admin (404), and changes nothing', async () => {
    const username = `refused${tag()}@${domain}`;
    const csv = `username,firstName,lastName,email\r\n${username},Ref,Used,${username}\r\n`;
    const viewer = await postCsv(platform.baseUrl, orgViewerToken, `/organizations/${orgId}/users/import`, csv);
    expect(viewer.status).toBe(403);
    const stranger = await postCsv(platform.baseUrl, otherResellerAdminToken, `/organizations/${orgId}/users/import`, csv);
    expect(stranger.status).toBe(404);
    // A file whose rows all fail in the gateway is still checked against the organization.
    const strangerBadRows = await postCsv(platform.baseUrl, otherResellerAdminToken, `/organizations/${orgId}/users/import`, 'username,firstName,lastName,email\r\na,b,c,d,e\r\n');
    expect(strangerBadRows.status).toBe(404);
    const missing = await postCsv(platform.baseUrl, resellerAdminToken, `/organizations/00000000-0000-4000-8000-000000000000/users/import`, csv);
    expect(missing.status).toBe(404);

    // Nothing was created: the reseller admin can import that user now.
    const ok = await postCsv(platform.baseUrl, resellerAdminToken, `/organizations/${orgId}/users/import`, csv);
    expect(ok.body.created.map((c) => c.username)).toEqual([username]);
  });

  it('answers 400 for a file it cannot read as a whole and 415 for a body that is not CSV', async () => {
    const unknownHeader = await postCsv(platform.baseUrl, orgAdminToken, `/organizations/${orgId}/users/import`, 'name,mail\r\nx,y\r\n');
    expect(unknownHeader.status).toBe(400);
    expect(unknownHeader.headers.get('content-type')).toContain('application/problem+json');
    expect(unknownHeader.body.errors?.[0]?.message).toContain('User principal name');
    const typo = await postCsv(platform.baseUrl, orgAdminToken, `/organizations/${orgId}/users/import`, 'username,firstName,lastName,email,passwrd\r\n');
    expect(typo.status).toBe(400);
    expect(typo.body.errors?.map((e) => e.message).join(' ')).toContain('passwrd');
    const unclosed = await postCsv(platform.baseUrl, orgAdminToken, `/organizations/${orgId}/users/import`, 'username,firstName,lastName,email\r\n"a@b.c,A,B,a@b.c\r\n');
    expect(unclosed.status).toBe(400);
    const json = await postCsv(platform.baseUrl, orgAdminToken, `/organizations/${orgId}/users/import`, JSON.stringify({ username: 'x' }), 'application/json');
    expect(json.status).toBe(415);
  });
});

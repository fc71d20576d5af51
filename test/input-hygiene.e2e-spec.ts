import { randomUUID } from 'node:crypto';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, createReseller, PASSWORD, tag, type Org } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Input hygiene, security headers and the API docs (ADR 0021), through the gateway with every service running:
 * text the stores cannot hold, names with bidirectional or control characters, deep nesting, prototype keys, bodies
 * and query parameters a route does not take: each answers 400 problem+json naming the field and stores nothing.
 */
describe('input hygiene (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  const origin = () => platform.baseUrl.replace(/\/api\/v1$/, '');
  let platformAdmin: ApiClient;
  let reseller: ApiClient;
  let org: Org;
  let orgAdmin: ApiClient;

  const json = (as: ApiClient, method: string, path: string, text: string, headers: Record<string, string> = {}) =>
    as.request(method, path, undefined, { 'content-type': 'application/json', ...headers }, text);
  const problemOf = (response: ApiResponse) => ({
    status: response.status,
    type: response.headers.get('content-type')?.split(';')[0],
    fields: ((response.body?.errors ?? []) as { field: string }[]).map((e) => e.field),
  });
  const refused = (...fields: string[]) => ({ status: 400, type: 'application/problem+json', fields });
  const messagesOf = (response: ApiResponse) => ((response.body?.errors ?? []) as { message: string }[]).map((e) => e.message);

  beforeAll(async () => {
    await platform.start();
    platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
    reseller = await createReseller(platformAdmin, anonymous());
    org = await createOrganization(reseller);
    orgAdmin = (await createOrganizationUser(reseller, anonymous(), org.id, org.domain, 'org_admin')).client;
  });

  afterAll(async () => {
    await platform.stop();
  });

  describe('text the stores cannot hold', () => {
    it('refuses a NUL in an organization name, naming the field, and keeps the name', async () => {
      const response = await reseller.request('PATCH', `/organizations/${org.id}`, { name: 'Con\u0000toso' });
      expect(problemOf(response)).toEqual(refused('name'));
      expect(messagesOf(response)[0]).toContain('NUL');
      expect((await reseller.get(`/organizations/${org.id}`)).body.name).toBe(`Org ${org.domain}`);
    });

    it('refuses a lone surrogate in a user name, and creates no user', async () => {
      const username = `u${tag()}@${org.domain}`;
      const user = { username, firstName: 'Nora\uD800', lastName: 'Newman', email: username, role: 'org_user', password: PASSWORD };
      const response = await reseller.post(`/organizations/${org.id}/users`, user);
      expect(problemOf(response)).toEqual(refused('firstName'));
      expect(messagesOf(response)[0]).toContain('lone surrogate');
      // The username was not taken: the same user with a good name is created.
      expect((await reseller.post(`/organizations/${org.id}/users`, { ...user, firstName: 'Nora' })).status).toBe(201);
    });

    it('refuses a NUL in an e-mail and a lone surrogate in a billing detail, and keeps no details', async () => {
      const details = { billingContactName: 'Bea Billing', billingEmail: 'billing@contoso.example', purchaseOrderReference: null, invoiceAddress: 'Main Street 1' };
      const path = `/organizations/${org.id}/billing/details`;
      const response = await reseller.request('PUT', path, { ...details, billingEmail: 'bill\u0000ing@contoso.example', invoiceAddress: 'Main\uDC00 Street 1' });
      expect(problemOf(response)).toEqual(refused('billingEmail', 'invoiceAddress'));
      expect((await reseller.get(path)).body).toEqual(expect.objectContaining({ billingContactName: null, billingEmail: null }));
    });

    it('refuses a NUL in a support request subject', async () => {
      const response = await orgAdmin.post('/support-requests', { subject: 'Backup\u0000', message: 'It fails.' });
      expect(problemOf(response)).toEqual(refused('subject'));
    });

    it('names nested fields by their path', async () => {
      const username = `admin@n${tag()}.example`;
      const response = await platformAdmin.post('/resellers', {
        name: `Nested ${tag()}`, currency: 'EUR', notificationEmail: username, supportEmail: username,
        admin: { firstName: 'Rita', lastName: 'Re\u0000seller', username, email: username, password: PASSWORD },
      });
      expect(problemOf(response)).toEqual(refused('admin.lastName'));
      expect((await anonymous().post('/auth/login', { username, password: PASSWORD })).status).toBe(401);
    });

    it('refuses a NUL in a list cursor and in a route parameter', async () => {
      expect(problemOf(await reseller.get('/organizations?cursor=abc%00def'))).toEqual(refused('cursor'));
      expect(problemOf(await orgAdmin.get(`/organizations/${org.id}/users?limit=5&cursor=%00`))).toEqual(refused('cursor'));
      expect(problemOf(await reseller.request('DELETE', `/organizations/${org.id}/domains/x%00.example`))).toEqual(refused('domain'));
    });

    it('refuses a list cursor whose decoded content holds a NUL or a lone surrogate', async () => {
      await createOrganization(reseller);
      // The list is a read model: wait until it holds both organizations.
      const nextCursor = await eventually(async () => ((await reseller.get('/organizations?limit=1')).body.nextCursor as string | null) ?? undefined, 15_000, 'a second page');
      const decoded = JSON.parse(Buffer.from(nextCursor, 'base64url').toString('utf8')) as Record<string, unknown>;
      for (const forged of [{ ...decoded, i: `${String(decoded.i)}\u0000` }, { ...decoded, i: `${String(decoded.i)}\uD800` }]) {
        const cursor = Buffer.from(JSON.stringify(forged), 'utf8').toString('base64url');
        const response = await reseller.get(`/organizations?limit=1&cursor=${cursor}`);
        expect([response.status, response.body.detail]).toEqual([400, expect.stringContaining('cursor')]);
      }
      expect((await reseller.get(`/organizations?limit=1&cursor=${encodeURIComponent(nextCursor)}`)).status).toBe(200);
    });

    it('refuses a NUL in a CSV import as a whole', async () => {
      const csv = `username,firstName,lastName,email\r\nzed@${org.domain},Zed\u0000,Zulu,zed@${org.domain}\r\n`;
      const response = await reseller.request('POST', `/organizations/${org.id}/users/import`, undefined, { 'content-type': 'text/csv' }, csv);
      expect(problemOf(response)).toEqual(refused('body'));
    });
  });

  describe('names', () => {
    it('refuses a bidirectional override in a display name', async () => {
      const domain = `bidi${tag()}.example`;
      const response = await reseller.post('/organizations', { name: 'Contoso\u202Etxt.exe', primaryDomain: domain, notificationEmail: `it@${domain}` });
      expect(problemOf(response)).toEqual(refused('name'));
      expect(messagesOf(response)).toEqual(['name must not contain bidirectional control characters (U+202E)']);
      expect((await reseller.request('PATCH', `/organizations/${org.id}`, { name: 'Contoso \u2066Ltd' })).status).toBe(400);
    });

    it('refuses control characters in names, and keeps line breaks where a text holds lines', async () => {
      const username = `c${tag()}@${org.domain}`;
      const user = { username, firstName: 'Nora\u0007', lastName: 'New\nman', email: username, role: 'org_user', password: PASSWORD };
      expect(problemOf(await reseller.post(`/organizations/${org.id}/users`, user))).toEqual(refused('firstName', 'lastName'));
      expect(problemOf(await orgAdmin.post('/support-requests', { subject: 'Backup\tfails', message: 'Hello,\n\tit fails.\u001b[31m' }))).toEqual(
        refused('subject', 'message'),
      );
      expect((await orgAdmin.post('/support-requests', { subject: 'Backup fails', message: 'Hello,\r\n\tit fails since Monday.\n' })).status).toBe(201);
    });
  });

  describe('structure', () => {
    it('refuses 5,000 levels of nesting with 400, and the gateway still answers', async () => {
      const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const response = await json(reseller, 'POST', '/organizations', deep);
      expect(problemOf(response)).toEqual(refused(Array.from({ length: 32 }, () => 'a').join('.')));
      expect(messagesOf(response)).toEqual(['input must not be nested more than 32 levels deep']);
      const arrays = await json(anonymous(), 'POST', '/auth/login', `{"username":${'['.repeat(5000)}${']'.repeat(5000)},"password":"x"}`);
      expect(arrays.status).toBe(400);
      expect((await anonymous().get('/health')).status).toBe(200);
      expect((await reseller.get(`/organizations/${org.id}`)).status).toBe(200);
    });

    it('refuses a body on a route that takes none; an empty JSON object carries nothing and passes', async () => {
      const cancel = `/organizations/${org.id}/subscriptions/${randomUUID()}/cancel`;
      const withdraw = `/organizations/${org.id}/transactions/${randomUUID()}/withdraw`;
      expect(problemOf(await reseller.post(cancel, { reason: 'too expensive' }))).toEqual(refused('body'));
      expect(problemOf(await reseller.post(withdraw, { comment: 'never mind' }))).toEqual(refused('body'));
      expect(problemOf(await reseller.request('POST', cancel, undefined, { 'content-type': 'text/plain' }, 'please'))).toEqual(refused('body'));
      expect(problemOf(await reseller.post(cancel, []))).toEqual(refused('body'));
      // Without a body (or with {}), the request goes on: no such subscription or transaction.
      expect((await reseller.post(cancel, {})).status).toBe(404);
      expect((await reseller.request('POST', withdraw)).status).toBe(404);
    });

    it('refuses __proto__, constructor and prototype keys, and stores nothing', async () => {
      const domain = `proto${tag()}.example`;
      const body = (extra: string) => `{"name":"Proto ${domain}","primaryDomain":"${domain}","notificationEmail":"it@${domain}",${extra}}`;
      expect(problemOf(await json(reseller, 'POST', '/organizations', body('"__proto__":{"resellerId":"x"}')))).toEqual(refused('__proto__'));
      expect(problemOf(await json(reseller, 'POST', '/organizations', body('"constructor":{"prototype":{"isAdmin":true}}')))).toEqual(refused('constructor'));
      expect(problemOf(await json(reseller, 'PUT', `/organizations/${org.id}/store`, '{"products":[{"productId":"x","prototype":1}]}'))).toEqual(refused('products.0.prototype'));
      // The domain is still free: nothing was created.
      expect((await reseller.post('/organizations', { name: `Proto ${domain}`, primaryDomain: domain, notificationEmail: `it@${domain}` })).status).toBe(201);
    });

    it('refuses unknown query parameters, also on routes that read none', async () => {
      expect(problemOf(await reseller.get('/organizations?limit=5&colour=red'))).toEqual(refused('colour'));
      expect(problemOf(await reseller.get(`/organizations/${org.id}?expand=users`))).toEqual(refused('expand'));
      expect(problemOf(await reseller.get('/organizations?__proto__=1'))).toEqual(refused('__proto__'));
    });
  });

  describe('headers', () => {
    it('sets the security headers and a CSP on every answer, and no-store on the API', async () => {
      const login = await anonymous().post('/auth/login', { username: platform.adminUsername, password: platform.adminPassword });
      const list = await reseller.get('/organizations');
      const unauthorized = await anonymous().get('/organizations');
      for (const response of [login, list, unauthorized]) {
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain('unsafe-eval');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
        expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('x-powered-by')).toBeNull();
      }
      expect(login.status).toBe(200);
    });

    it('serves the API docs with every asset they load, allowed by the CSP and cacheable', async () => {
      const page = await fetch(`${origin()}/api/docs`);
      const html = await page.text();
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(page.headers.get('cache-control')).not.toBe('no-store');
      // No inline script (script-src 'self' forbids it); the inline <style> needs style-src 'unsafe-inline'.
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, content] of scripts) {
        expect(attributes).toMatch(/src="[^"]+"/);
        expect(content!.trim()).toBe('');
      }
      if (/<style[\s>]/.test(html) || /style="/.test(html)) expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
      const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css|png))"/g)].map((m) => new URL(m[1]!, page.url));
      expect(assets.map((u) => u.pathname)).toEqual(expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui-init.js', '/api/docs/swagger-ui.css']));
      for (const asset of assets) {
        expect(asset.origin).toBe(origin());
        const response = await fetch(asset);
        expect([asset.pathname, response.status]).toEqual([asset.pathname, 200]);
        expect(response.headers.get('cache-control')).not.toBe('no-store');
        await response.arrayBuffer();
      }
      const spec = await fetch(`${origin()}/api/docs-json`);
      expect(spec.status).toBe(200);
      expect(((await spec.json()) as { paths: object }).paths).toHaveProperty(['/api/v1/organizations']);
    });
  });
});

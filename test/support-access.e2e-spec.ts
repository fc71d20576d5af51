import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, createReseller, PASSWORD, tag as unique } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

interface SupportAccess {
  id: string;
  organizationId: string;
  accessedBy: string;
  method: string;
  route: string;
  correlationId: string | null;
  accessedAt: string;
}

/**
 * The platform admin's support access (docs/adr/0023-recorded-support-access.md): it reads every route of an
 * organization, never writes, and each read is recorded in the organization's support access log before the data
 * is answered, for the organization's reseller admins and org admins to list.
 */
describe('support access (end to end)', () => {
  const platform = new PlatformProcess();
  let anonymous: ApiClient;
  let platformAdmin: ApiClient;
  let platformAdminId: string;
  let resellerAdmin: ApiClient;
  let otherResellerAdmin: ApiClient;
  let orgAdmin: ApiClient;
  let orgViewer: ApiClient;
  let org: { id: string; domain: string };
  let userId: string;
  let productId: string;
  let subscriptionId: string;
  let transactionId: string;
  const month = new Date().toISOString().slice(0, 7);

  const accessesAs = async (api: ApiClient, query = 'limit=500'): Promise<ApiResponse<{ items: SupportAccess[]; nextCursor: string | null }>> =>
    api.get(`/organizations/${org.id}/support-accesses?${query}`);
  const recorded = async (): Promise<SupportAccess[]> => {
    const response = await accessesAs(resellerAdmin);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    platformAdminId = (await platformAdmin.get('/me')).body.id as string;
    resellerAdmin = await createReseller(platformAdmin, anonymous);
    otherResellerAdmin = await createReseller(platformAdmin, anonymous);
    org = await createOrganization(resellerAdmin);
    const admin = await createOrganizationUser(resellerAdmin, anonymous, org.id, org.domain, 'org_admin');
    orgAdmin = admin.client;
    userId = admin.id;
    orgViewer = (await createOrganizationUser(resellerAdmin, anonymous, org.id, org.domain, 'org_viewer')).client;

    const t = unique();
    const product = await resellerAdmin.post('/catalog/products', { name: `Seats ${t}`, vendor: 'Contoso', sku: `SKU-${t}`, description: 'Support access', billingFrequency: 'monthly', price: '10.00', cost: '8.00' });
    expect(product.status).toBe(201);
    productId = product.body.id as string;
    expect((await resellerAdmin.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId }] })).status).toBe(200);
    const order = await resellerAdmin.post(`/organizations/${org.id}/orders`, { productId, quantity: 2 });
    expect([order.status, order.body.status]).toEqual([201, 'approved']);
    subscriptionId = order.body.subscriptionId as string;
    transactionId = order.body.transactionId as string;
    // Lists and reports are read models: wait until they know the organization and the order.
    await eventually(async () => {
      const [subscriptions, transactions, report, details] = await Promise.all([
        resellerAdmin.get(`/organizations/${org.id}/subscriptions`),
        resellerAdmin.get(`/organizations/${org.id}/transactions`),
        resellerAdmin.get(`/organizations/${org.id}/billing/report?from=${month}&to=${month}`),
        resellerAdmin.get(`/organizations/${org.id}/billing/details`),
      ]);
      const ready = subscriptions.body.items?.some((s: { id: string; status: string }) => s.id === subscriptionId && s.status === 'active') &&
        transactions.body.items?.some((x: { id: string }) => x.id === transactionId) && report.status === 200 && details.status === 200;
      return ready ? true : undefined;
    }, 30_000, 'the order to reach the read models');
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('lets the platform admin read users, settings, transactions and billing (200), each read recorded with its route and correlation id for the org admin and the reseller admin', async () => {
    const reads: [string, string][] = [
      [`/organizations/${org.id}`, '/organizations/{orgId}'],
      [`/organizations/${org.id}/settings`, '/organizations/{orgId}/settings'],
      [`/organizations/${org.id}/domains`, '/organizations/{orgId}/domains'],
      [`/organizations/${org.id}/users`, '/organizations/{orgId}/users'],
      [`/organizations/${org.id}/users/${userId}`, '/organizations/{orgId}/users/{userId}'],
      [`/organizations/${org.id}/store`, '/organizations/{orgId}/store'],
      [`/organizations/${org.id}/subscriptions`, '/organizations/{orgId}/subscriptions'],
      [`/organizations/${org.id}/subscriptions/${subscriptionId}`, '/organizations/{orgId}/subscriptions/{subscriptionId}'],
      [`/organizations/${org.id}/transactions`, '/organizations/{orgId}/transactions'],
      [`/organizations/${org.id}/transactions/${transactionId}/history`, '/organizations/{orgId}/transactions/{transactionId}/history'],
      [`/organizations/${org.id}/billing/report?from=${month}&to=${month}`, '/organizations/{orgId}/billing/report'],
      [`/organizations/${org.id}/billing/details`, '/organizations/{orgId}/billing/details'],
    ];
    const before = (await recorded()).length;
    const expected: Partial<SupportAccess>[] = [];
    for (const [path, route] of reads) {
      const correlationId = `support-${unique()}`;
      const response = await platformAdmin.get(path, { 'x-correlation-id': correlationId, accept: 'application/json' });
      expect([path, response.status]).toEqual([path, 200]);
      expected.push({ organizationId: org.id, accessedBy: platformAdminId, method: 'GET', route, correlationId });
    }
    // What was read is what the organization's own admins see.
    expect((await platformAdmin.get(`/organizations/${org.id}/users`)).body.items.map((u: { id: string }) => u.id)).toContain(userId);
    expect((await platformAdmin.get(`/organizations/${org.id}/transactions`)).body.items.map((x: { id: string }) => x.id)).toContain(transactionId);
    expect((await platformAdmin.get(`/organizations/${org.id}/settings`)).body).toEqual((await resellerAdmin.get(`/organizations/${org.id}/settings`)).body);
    const report = `/organizations/${org.id}/billing/report?from=${month}&to=${month}`;
    expect((await platformAdmin.get(report)).body.lines).toEqual((await resellerAdmin.get(report)).body.lines);

    // Listed at once (read from the log, not from a read model), by the reseller admin and the org admin alike.
    for (const reader of [resellerAdmin, orgAdmin]) {
      const list = await accessesAs(reader);
      expect(list.status).toBe(200);
      expect(list.body.items.slice(before, before + reads.length)).toEqual(expected.map((e) => expect.objectContaining(e)));
    }
    const items = await recorded();
    for (const item of items) {
      expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(item.accessedAt)).toBeGreaterThan(Date.now() - 5 * 60_000);
      expect(item.route).not.toContain(org.id);
      expect(item.route).not.toContain(userId);
    }
  });

  it('pages the support accesses with limit and cursor, in the order they were recorded', async () => {
    for (let i = 0; i < 3; i++) expect((await platformAdmin.get(`/organizations/${org.id}/domains`)).status).toBe(200);
    const all = await recorded();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<{ items: SupportAccess[]; nextCursor: string | null }> = await accessesAs(orgAdmin, `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.slice(0, all.length)).toEqual(all.map((item) => item.id));
    expect((await accessesAs(orgAdmin, 'cursor=not-a-cursor')).status).toBe(400);
    expect((await accessesAs(orgAdmin, 'colour=blue')).status).toBe(400);
  });

  it('answers 403 to the platform admin on every write route, and records nothing for them', async () => {
    const before = (await recorded()).length;
    const o = `/organizations/${org.id}`;
    const writes: [string, string, unknown, Record<string, string>?, string?][] = [
      ['PATCH', o, { name: 'Renamed' }],
      ['PUT', `${o}/settings`, (await resellerAdmin.get(`${o}/settings`)).body],
      ['POST', `${o}/domains`, { domain: `p${unique()}.example` }],
      ['DELETE', `${o}/domains/${org.domain}`, undefined],
      ['POST', `${o}/users`, { username: `n${unique()}@${org.domain}`, firstName: 'Nora', lastName: 'New', email: `nora@${org.domain}`, role: 'org_user', password: PASSWORD }],
      ['POST', `${o}/users/import`, undefined, { 'content-type': 'text/csv' }, `username,firstName,lastName,email,role\ni${unique()}@${org.domain},Ida,Import,ida@${org.domain},org_user\n`],
      ['PATCH', `${o}/users/${userId}`, { firstName: 'Changed' }],
      ['PUT', `${o}/users/${userId}/password`, { password: PASSWORD }],
      ['DELETE', `${o}/users/${userId}`, undefined],
      ['POST', `${o}/users/disable`, { userIds: [userId] }],
      ['POST', `${o}/users/enable`, { userIds: [userId] }],
      ['PUT', `${o}/store`, { products: [{ productId }] }],
      ['POST', `${o}/orders`, { productId, quantity: 1 }],
      ['POST', `${o}/subscriptions/${subscriptionId}/changes`, { quantity: 3 }],
      ['POST', `${o}/subscriptions/${subscriptionId}/cancel`, {}],
      ['PUT', `${o}/subscriptions/${subscriptionId}/assignments`, { userIds: [userId] }],
      ['POST', `${o}/transactions/${transactionId}/withdraw`, {}],
      ['PUT', `${o}/billing/details`, { billingContactName: 'Bea', billingEmail: `billing@${org.domain}`, purchaseOrderReference: 'PO-1', invoiceAddress: 'Main Street 1' }],
    ];
    const outcomes: string[] = [];
    for (const [method, path, body, headers, raw] of writes) {
      const response = await platformAdmin.request(method, path, body, headers, raw);
      if (response.status !== 403) outcomes.push(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(outcomes).toEqual([]);
    // Reads by the roles the contract names are theirs, not support reads: nothing recorded either.
    expect((await resellerAdmin.get(`${o}/users`)).status).toBe(200);
    expect((await orgAdmin.get(`${o}/users`)).status).toBe(200);
    expect((await recorded()).length).toBe(before);
    // Nothing changed: the user is still there with their name.
    expect((await resellerAdmin.get(`${o}/users/${userId}`)).body.firstName).toBe('Quinn');
  });

  it('shows the records to no other reseller, no viewer, and answers 404 for a missing organization', async () => {
    expect((await accessesAs(otherResellerAdmin)).status).toBe(404);
    expect((await accessesAs(orgViewer)).status).toBe(403);
    const otherOrg = await createOrganization(otherResellerAdmin);
    const otherOrgAdmin = (await createOrganizationUser(otherResellerAdmin, anonymous, otherOrg.id, otherOrg.domain, 'org_admin')).client;
    expect((await accessesAs(otherOrgAdmin)).status).toBe(404);
    // Each organization has a log of its own.
    expect((await platformAdmin.get(`/organizations/${otherOrg.id}/users`)).status).toBe(200);
    expect((await otherResellerAdmin.get(`/organizations/${otherOrg.id}/support-accesses`)).body.items).toEqual([
      expect.objectContaining({ organizationId: otherOrg.id, route: '/organizations/{orgId}/users' }),
    ]);
    expect((await recorded()).every((item) => item.organizationId === org.id)).toBe(true);
    expect((await platformAdmin.get(`/organizations/${randomUUID()}/users`)).status).toBe(404);
  });

  it('documents GET /organizations/{orgId}/support-accesses in the OpenAPI document', async () => {
    const docs = await fetch(`${platform.baseUrl.replace(/\/api\/v1$/, '')}/api/docs-json`).then((r) => r.json() as Promise<{ paths: Record<string, Record<string, unknown>> }>);
    const path = docs.paths['/api/v1/organizations/{orgId}/support-accesses'];
    expect(Object.keys(path ?? {})).toEqual(['get']);
    expect(JSON.stringify(path)).toContain('SupportAccessListResponse');
  });

  it('refuses the read with 503 when the support access cannot be recorded, and reads again once it can', async () => {
    const db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    const events = `"${platform.names.schema('organizations')}".es_events`;
    try {
      await db.query(`CREATE OR REPLACE FUNCTION "${platform.names.schema('organizations')}".refuse_support_access() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'support access log unavailable'; END $$`);
      await db.query(`CREATE TRIGGER refuse_support_access BEFORE INSERT ON ${events} FOR EACH ROW
        WHEN (NEW.stream_id LIKE 'support-access-%') EXECUTE FUNCTION "${platform.names.schema('organizations')}".refuse_support_access()`);
      const before = (await recorded()).length;
      const refused = await platformAdmin.get(`/organizations/${org.id}/users`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.items).toBeUndefined();
      // Everyone else reads as before; only the unrecorded read is refused.
      expect((await resellerAdmin.get(`/organizations/${org.id}/users`)).status).toBe(200);
      expect((await recorded()).length).toBe(before);
    } finally {
      await db.query(`DROP TRIGGER IF EXISTS refuse_support_access ON ${events}`);
      await db.end();
    }
    expect((await platformAdmin.get(`/organizations/${org.id}/users`)).status).toBe(200);
  });
});

import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, createReseller, PASSWORD, tag, type Org } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Two admins cannot silently overwrite each other (api-v1.md, Conventions: concurrent edits). For each replaceable
 * resource (organization settings, store, a subscription's assignments, billing details), through the gateway with
 * every service running: a GET answers an ETag; a PUT with it succeeds and answers the new one; a PUT with an old one
 * answers 412 and changes nothing; `*` and no If-Match change whatever the version; of two PUTs racing with the same
 * ETag exactly one succeeds; a role that may not PUT gets 403 before any version check.
 */

interface EditableResource {
  readPath: string;
  writePath: string;
  /** Two users who may PUT (the same one twice where only one role may). */
  writers: [ApiClient, ApiClient];
  /** Someone who may read but not PUT. */
  reader: ApiClient;
  code: string;
  /** A body whose every value depends on n: no two bodies of different n are alike. */
  body(n: number): Record<string, unknown>;
  /** What a GET shows of the values a PUT sets, in the shape `expected` gives for a body. */
  shown(read: any): unknown;
  expected(body: Record<string, unknown>): unknown;
}

describe('concurrent edits with ETag and If-Match (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  const resources = new Map<string, EditableResource>();
  let resellerAdmin: ApiClient;
  let org: Org;
  let orgAdmin: ApiClient;
  let viewer: ApiClient;
  let billingAdmin: ApiClient;
  let counter = 0;
  /** A fresh n for `body(n)`. */
  const next = () => ++counter;

  const ok = <T = any>(response: ApiResponse<T>, status = 200): T => {
    expect([response.status, response.body]).toEqual([status, expect.anything()]);
    return response.body;
  };
  const etagOf = (response: ApiResponse): string => {
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    return etag!;
  };
  const read = async (r: EditableResource, as: ApiClient = r.writers[0]) => {
    const response = await as.get(r.readPath);
    return { body: ok(response), etag: etagOf(response) };
  };
  const put = (r: EditableResource, body: unknown, ifMatch?: string, as: ApiClient = r.writers[0]) =>
    as.request('PUT', r.writePath, body, ifMatch === undefined ? {} : { 'if-match': ifMatch });
  const expectPreconditionFailed = (response: ApiResponse, code: string) => {
    expect([response.status, response.headers.get('content-type'), response.body]).toEqual([
      412,
      expect.stringContaining('application/problem+json'),
      { type: `urn:broker:problem:${code}`, title: 'Precondition Failed', status: 412, detail: expect.stringContaining('changed since the version given in If-Match'), code },
    ]);
  };

  beforeAll(async () => {
    await platform.start();
    const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
    resellerAdmin = await createReseller(platformAdmin, anonymous());
    org = await createOrganization(resellerAdmin);
    orgAdmin = (await createOrganizationUser(resellerAdmin, anonymous(), org.id, org.domain, 'org_admin')).client;
    viewer = (await createOrganizationUser(resellerAdmin, anonymous(), org.id, org.domain, 'org_viewer')).client;
    billingAdmin = (await createOrganizationUser(resellerAdmin, anonymous(), org.id, org.domain, 'org_billing_admin')).client;

    const settingsPath = `/organizations/${org.id}/settings`;
    resources.set('organization settings', {
      readPath: settingsPath,
      writePath: settingsPath,
      writers: [resellerAdmin, resellerAdmin],
      reader: orgAdmin,
      code: 'ORGANIZATION_SETTINGS.VERSION_MISMATCH',
      // Every body changes both parts: the approval policy (approvals service) and the e-mail (organizations service).
      body: (n) => ({ notificationEmail: `it${n}@${org.domain}`, approvalRequired: n % 2 === 1, dynamicApproval: { enabled: n % 3 === 0, annualLimit: `${1000 + n}.00` }, billingStartDate: '2026-01-01' }),
      shown: (settings) => settings,
      expected: (body) => body,
    });

    const product = async (name: string) =>
      ok(await resellerAdmin.post('/catalog/products', { name, vendor: 'Microsoft', sku: `SKU-${tag()}`, description: 'Office apps', billingFrequency: 'monthly', price: '10.50', cost: '8.00' }), 201);
    const [e3, backup] = [await product('E3'), await product('Backup')];
    const storePath = `/organizations/${org.id}/store`;
    resources.set('store', {
      readPath: storePath,
      writePath: storePath,
      writers: [resellerAdmin, resellerAdmin],
      reader: orgAdmin,
      code: 'STORE.VERSION_MISMATCH',
      body: (n) => ({ products: [{ productId: e3.id, price: `${10 + n}.00` }, { productId: backup.id }] }),
      shown: (store) => store.items.map((item: any) => [item.productId, item.price]),
      expected: (body) => (body.products as any[]).map((p) => [p.productId, p.price ?? '10.50']),
    });

    // A subscription of 5 licences and 5 users: body(n) assigns the users of the bits of n (n < 32).
    ok(await resellerAdmin.request('PUT', storePath, { products: [{ productId: e3.id }, { productId: backup.id }] }));
    const receipt = ok(await orgAdmin.post(`/organizations/${org.id}/orders`, { productId: backup.id, quantity: 5 }), 201);
    expect(receipt).toMatchObject({ status: 'approved', subscriptionId: expect.any(String) });
    const subscriptionPath = `/organizations/${org.id}/subscriptions/${receipt.subscriptionId}`;
    await eventually(async () => ((await orgAdmin.get(subscriptionPath)).status === 200 ? true : undefined), 15_000, 'the ordered subscription');
    const users: string[] = [];
    for (let i = 0; i < 5; i++) {
      const username = `user${tag()}@${org.domain}`;
      users.push(ok(await resellerAdmin.post(`/organizations/${org.id}/users`, { username, firstName: 'Una', lastName: 'User', email: username, role: 'org_user', password: PASSWORD }), 201).id);
    }
    const holders = (n: number) => users.filter((_, i) => ((n % 31) + 1) & (1 << i));
    resources.set('subscription assignments', {
      readPath: subscriptionPath,
      writePath: `${subscriptionPath}/assignments`,
      writers: [resellerAdmin, orgAdmin],
      reader: viewer,
      code: 'SUBSCRIPTION.VERSION_MISMATCH',
      body: (n) => ({ userIds: holders(n) }),
      shown: (subscription) => [...subscription.assignedUserIds].sort(),
      expected: (body) => [...(body.userIds as string[])].sort(),
    });

    const detailsPath = `/organizations/${org.id}/billing/details`;
    resources.set('billing details', {
      readPath: detailsPath,
      writePath: detailsPath,
      writers: [orgAdmin, billingAdmin],
      reader: viewer,
      code: 'BILLING_DETAILS.VERSION_MISMATCH',
      body: (n) => ({ billingContactName: `Bea ${n}`, billingEmail: `billing${n}@${org.domain}`, purchaseOrderReference: `PO-${n}`, invoiceAddress: `Main Street ${n}` }),
      shown: ({ billingContactName, billingEmail, purchaseOrderReference, invoiceAddress }) => ({ billingContactName, billingEmail, purchaseOrderReference, invoiceAddress }),
      expected: (body) => body,
    });
  });

  afterAll(async () => {
    await platform.stop();
  });

  describe.each(['organization settings', 'store', 'subscription assignments', 'billing details'])('%s', (name) => {
    const resource = () => resources.get(name)!;

    it('answers an ETag on GET (the same to every reader) and 304 to an If-None-Match that still matches', async () => {
      const r = resource();
      const { etag } = await read(r);
      expect(etagOf(await r.reader.get(r.readPath))).toBe(etag);
      // fetch adds `Cache-Control: no-cache` to a request with If-None-Match unless it has one, and that asks for a 200.
      const revalidate = (ifNoneMatch: string) => r.writers[0].get(r.readPath, { 'if-none-match': ifNoneMatch, 'cache-control': 'max-age=0' });
      for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
        const notModified = await revalidate(ifNoneMatch);
        expect([notModified.status, notModified.body, notModified.headers.get('etag')]).toEqual([304, undefined, etag]);
      }
      expect((await revalidate('"other"')).status).toBe(200);
    });

    it('changes with the ETag read: 200 and a new ETag, which a GET right after answers with the change', async () => {
      const r = resource();
      const before = await read(r);
      const body = r.body(next());
      const changed = await put(r, body, before.etag);
      expect(r.shown(ok(changed))).toEqual(r.expected(body));
      const etag = etagOf(changed);
      expect(etag).not.toBe(before.etag);
      const after = await read(r);
      expect([r.shown(after.body), after.etag]).toEqual([r.expected(body), etag]);
    });

    it('answers 412 to a PUT with an ETag read before another change, and changes nothing', async () => {
      const r = resource();
      const old = await read(r);
      const first = r.body(next());
      const current = etagOf(await put(r, first, old.etag));
      expectPreconditionFailed(await put(r, r.body(next()), old.etag, r.writers[1]), r.code);
      const after = await read(r);
      expect([r.shown(after.body), after.etag]).toEqual([r.expected(first), current]);
    });

    it('changes whatever the version with If-Match: * and without If-Match', async () => {
      const r = resource();
      const old = await read(r);
      ok(await put(r, r.body(next()), old.etag));
      for (const ifMatch of ['*', undefined]) {
        const body = r.body(next());
        const changed = await put(r, body, ifMatch);
        expect(r.shown(ok(changed))).toEqual(r.expected(body));
        expect((await read(r)).etag).toBe(etagOf(changed));
      }
    });

    it('keeps the ETag when a PUT changes nothing', async () => {
      const r = resource();
      const body = r.body(next());
      const etag = etagOf(await put(r, body));
      const again = await put(r, body, etag);
      expect([again.status, etagOf(again)]).toEqual([200, etag]);
      expect((await read(r)).etag).toBe(etag);
    });

    it('lets exactly one of two PUTs racing with the same ETag change the resource; the other answers 412', async () => {
      const r = resource();
      for (let round = 0; round < 5; round++) {
        const { etag } = await read(r);
        const bodies = [r.body(next()), r.body(next())];
        const answers = await Promise.all(bodies.map((body, i) => put(r, body, etag, r.writers[i])));
        expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
        const winner = answers.findIndex((a) => a.status === 200);
        expectPreconditionFailed(answers[1 - winner]!, r.code);
        const after = await read(r);
        expect([r.shown(after.body), after.etag]).toEqual([r.expected(bodies[winner]!), etagOf(answers[winner]!)]);
      }
    });

    it('answers 403 to a role that may not PUT, whatever its If-Match, before any version check', async () => {
      const r = resource();
      const old = await read(r);
      const current = etagOf(await put(r, r.body(next()), old.etag));
      const before = await read(r);
      for (const ifMatch of [old.etag, current, '*']) {
        const refused = await put(r, r.body(next()), ifMatch, r.reader);
        expect([refused.status, refused.headers.get('content-type')]).toEqual([403, expect.stringContaining('application/problem+json')]);
      }
      expect(await read(r)).toEqual(before);
    });

    it('never matches a weak ETag (If-Match compares strongly), takes any of a list, and answers 400 to a malformed If-Match', async () => {
      const r = resource();
      const { etag } = await read(r);
      expectPreconditionFailed(await put(r, r.body(next()), `W/${etag}`), r.code);
      const body = r.body(next());
      expect(r.shown(ok(await put(r, body, `"0-nothing", ${etag}`)))).toEqual(r.expected(body));
      const before = await read(r);
      for (const malformed of [etag.slice(1, -1), `${before.etag}, *`]) {
        const refused = await put(r, r.body(next()), malformed);
        expect([refused.status, refused.body.detail]).toEqual([400, expect.stringContaining('If-Match')]);
      }
      expect(await read(r)).toEqual(before);
    });
  });

  it('documents ETag, If-None-Match, If-Match and the 412 in the OpenAPI document', async () => {
    const document = ok(await new ApiClient(platform.baseUrl.replace(/\/v1$/, '')).get('/docs-json'));
    const paths = ['/api/v1/organizations/{orgId}/settings', '/api/v1/organizations/{orgId}/store', '/api/v1/organizations/{orgId}/billing/details'];
    const pairs = [
      ...paths.map((path) => [document.paths[path].get, document.paths[path].put]),
      [document.paths['/api/v1/organizations/{orgId}/subscriptions/{subscriptionId}'].get, document.paths['/api/v1/organizations/{orgId}/subscriptions/{subscriptionId}/assignments'].put],
    ];
    const headerNames = (operation: any) => operation.parameters.filter((p: any) => p.in === 'header').map((p: any) => p.name);
    for (const [get, put] of pairs) {
      expect([headerNames(get), Object.keys(get.responses['200'].headers), Object.keys(get.responses)]).toEqual([['If-None-Match'], expect.arrayContaining(['ETag']), expect.arrayContaining(['200', '304'])]);
      expect([headerNames(put), Object.keys(put.responses['200'].headers), put.responses['412'].description]).toEqual([['If-Match'], expect.arrayContaining(['ETag']), expect.stringContaining('.VERSION_MISMATCH')]);
    }
  });

  describe('what each ETag covers', () => {
    it('settings: a new notification e-mail through PATCH of the organization changes it, a new name or domain does not', async () => {
      const settings = resources.get('organization settings')!;
      const start = await read(settings);
      ok(await resellerAdmin.request('PATCH', `/organizations/${org.id}`, { name: `Renamed ${tag()}` }));
      ok(await resellerAdmin.post(`/organizations/${org.id}/domains`, { domain: `extra${tag()}.example` }), 201);
      expect((await read(settings)).etag).toBe(start.etag);
      ok(await orgAdmin.request('PATCH', `/organizations/${org.id}`, { notificationEmail: `patched${tag()}@${org.domain}` }));
      const patched = await read(settings);
      expect(patched.etag).not.toBe(start.etag);
      // A change of the approval policy alone, made on the version read before the e-mail changed, is refused whole.
      const policyOnly = { ...start.body, approvalRequired: !start.body.approvalRequired, dynamicApproval: { enabled: false, annualLimit: '77.00' } };
      expectPreconditionFailed(await put(settings, policyOnly, start.etag), settings.code);
      expect(await read(settings)).toEqual(patched);
    });

    it('store: a change of a product in it changes it (the store shows the catalog price)', async () => {
      const store = resources.get('store')!;
      const before = await read(store);
      const backupId = before.body.items[1].productId;
      ok(await resellerAdmin.request('PATCH', `/catalog/products/${backupId}`, { price: '11.00' }));
      const after = await read(store);
      expect([after.body.items[1].price, after.etag === before.etag]).toEqual(['11.00', false]);
      expectPreconditionFailed(await put(store, store.body(next()), before.etag), store.code);
      ok(await resellerAdmin.request('PATCH', `/catalog/products/${backupId}`, { price: '10.50' }));
    });

    it('subscription: an approved change of the quantity changes it, and assignments on the older version answer 412', async () => {
      const subscription = resources.get('subscription assignments')!;
      const noApprovals = { notificationEmail: `it@${org.domain}`, approvalRequired: false, dynamicApproval: { enabled: false }, billingStartDate: '2026-01-01' };
      ok(await resellerAdmin.request('PUT', `/organizations/${org.id}/settings`, noApprovals));
      const before = await read(subscription);
      const change = ok(await orgAdmin.post(`/organizations/${org.id}/subscriptions/${before.body.id}/changes`, { quantity: 6 }), 201);
      expect(change.status).toBe('approved');
      const after = await eventually(async () => {
        const current = await read(subscription);
        return current.body.quantity === 6 ? current : undefined;
      }, 15_000, 'the approved quantity change');
      expect(after.etag).not.toBe(before.etag);
      expectPreconditionFailed(await put(subscription, subscription.body(next()), before.etag), subscription.code);
      expect(await read(subscription)).toEqual(after);
    });

    it('billing details: never set, they still answer an ETag that a first PUT may use', async () => {
      const other = await createOrganization(resellerAdmin);
      const path = `/organizations/${other.id}/billing/details`;
      const never = await resellerAdmin.get(path);
      expect(ok(never).billingEmail).toBeNull();
      const body = { billingContactName: 'First', billingEmail: `first@${other.domain}`, invoiceAddress: 'Road 1' };
      const first = await resellerAdmin.request('PUT', path, body, { 'if-match': etagOf(never) });
      expect(ok(first)).toMatchObject(body);
      expectPreconditionFailed(await resellerAdmin.request('PUT', path, { ...body, billingContactName: 'Second' }, { 'if-match': etagOf(never) }), 'BILLING_DETAILS.VERSION_MISMATCH');
    });
  });
});

import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createReseller, PASSWORD, tag, type Org } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

interface User {
  id: string;
  username: string;
}

/**
 * Catalog and e-store, subscriptions and licence assignments (api-v1.md) through the gateway with every service
 * running: a reseller's products with cost and SKUs unique in its catalog, an organization's curated store at its
 * own prices and never with cost, subscriptions from approved orders, an org user who sees only their own, and
 * licence assignments that never exceed the quantity and move the users' servicesCount along.
 */
describe('catalog, e-store and subscriptions (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  let resellerA: ApiClient;
  let resellerB: ApiClient;
  let orgA: Org;
  let orgA2: Org;
  let orgB: Org;
  let adminA: ApiClient;
  let adminA2: ApiClient;
  let viewerA: ApiClient;
  let billingA: ApiClient;

  const put = (as: ApiClient, path: string, body: unknown) => as.request('PUT', path, body);
  const patch = (as: ApiClient, path: string, body: unknown) => as.request('PATCH', path, body);
  const ok = <T = any>(response: ApiResponse<T>, status: number): T => {
    expect([response.status, response.body]).toEqual([status, expect.anything()]);
    return response.body;
  };

  const createUser = async (as: ApiClient, org: Org, role: string): Promise<User> => {
    const username = `u${tag()}@${org.domain}`;
    const response = await as.post(`/organizations/${org.id}/users`, { username, firstName: 'Nora', lastName: 'Newman', email: username, role, password: PASSWORD });
    expect(response.status).toBe(201);
    return { id: response.body.id, username: response.body.username };
  };
  const loginAs = (user: User) => anonymous().login(user.username, PASSWORD);
  const product = (fields: Record<string, unknown> = {}) => ({
    name: `Product ${tag()}`, vendor: 'Microsoft', sku: `SKU-${tag()}`, description: 'Office apps', billingFrequency: 'monthly', price: '10.50', cost: '8.00', ...fields,
  });
  const createProduct = async (as: ApiClient, fields: Record<string, unknown> = {}) => ok(await as.post('/catalog/products', product(fields)), 201);

  /** An approved order (default policy: approved at once) and its subscription once the catalog applied it. */
  const orderSubscription = async (as: ApiClient, org: Org, productId: string, quantity: number) => {
    const receipt = ok(await as.post(`/organizations/${org.id}/orders`, { productId, quantity }), 201);
    expect(receipt).toMatchObject({ status: 'approved', subscriptionId: expect.any(String) });
    return eventually(async () => {
      const list = await as.get(`/organizations/${org.id}/subscriptions`);
      return (list.body.items as any[] | undefined)?.find((s) => s.id === receipt.subscriptionId);
    }, 15_000, 'the ordered subscription');
  };
  const servicesCounts = async (as: ApiClient, org: Org, users: User[]) => {
    const list = ok(await as.get(`/organizations/${org.id}/users?limit=500`), 200);
    return users.map((user) => (list.items as any[]).find((item) => item.id === user.id)?.servicesCount);
  };

  beforeAll(async () => {
    await platform.start();
    const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
    resellerA = await createReseller(platformAdmin, anonymous(), 'SEK');
    resellerB = await createReseller(platformAdmin, anonymous(), 'EUR');
    orgA = await createOrganization(resellerA);
    orgA2 = await createOrganization(resellerA);
    orgB = await createOrganization(resellerB);
    adminA = await loginAs(await createUser(resellerA, orgA, 'org_admin'));
    adminA2 = await loginAs(await createUser(resellerA, orgA2, 'org_admin'));
    viewerA = await loginAs(await createUser(resellerA, orgA, 'org_viewer'));
    billingA = await loginAs(await createUser(resellerA, orgA, 'org_billing_admin'));
  });

  afterAll(async () => {
    await platform.stop();
  });

  describe('products', () => {
    it('creates a product with cost in the reseller currency, readable at once and listed a moment later', async () => {
      const created = await createProduct(resellerA, { name: 'Backup 1 TB', sku: `BK-${tag()}`, price: 12.5, cost: '7', billingFrequency: 'annual' });
      expect(created).toEqual({
        id: expect.any(String), resellerId: expect.any(String), name: 'Backup 1 TB', vendor: 'Microsoft', sku: expect.stringMatching(/^BK-/), description: 'Office apps',
        billingFrequency: 'annual', price: '12.50', cost: '7.00', currency: 'SEK', createdAt: expect.any(String), updatedAt: created.createdAt,
      });
      expect(ok(await resellerA.get(`/catalog/products/${created.id}`), 200)).toEqual(created);
      const listed = await eventually(async () => {
        const list = await resellerA.get('/catalog/products?limit=500');
        return (list.body.items as any[] | undefined)?.find((p) => p.id === created.id);
      }, 15_000, 'the product in the list');
      expect(listed).toEqual(created);
    });

    it('changes a product partially; a GET right after sees it', async () => {
      const created = await createProduct(resellerA);
      const changed = ok(await patch(resellerA, `/catalog/products/${created.id}`, { price: '11.00', description: 'Now with Teams' }), 200);
      expect(changed).toMatchObject({ ...created, price: '11.00', description: 'Now with Teams', updatedAt: expect.any(String) });
      expect(ok(await resellerA.get(`/catalog/products/${created.id}`), 200)).toEqual(changed);
    });

    it('keeps SKUs unique within a reseller (any case) with 409, but not across resellers', async () => {
      const sku = `M365-${tag()}`;
      const first = await createProduct(resellerA, { sku });
      const duplicate = await resellerA.post('/catalog/products', product({ sku: sku.toLowerCase() }));
      expect([duplicate.status, duplicate.headers.get('content-type')]).toEqual([409, expect.stringContaining('application/problem+json')]);
      const other = await createProduct(resellerA);
      expect((await patch(resellerA, `/catalog/products/${other.id}`, { sku: sku.toUpperCase() })).status).toBe(409);
      expect((await createProduct(resellerB, { sku })).sku).toBe(sku);
      // A product giving up its SKU frees it.
      ok(await patch(resellerA, `/catalog/products/${first.id}`, { sku: `${sku}-OLD` }), 200);
      expect(ok(await patch(resellerA, `/catalog/products/${other.id}`, { sku }), 200).sku).toBe(sku);
    });

    it('answers 404 for another reseller\'s product and 403 to organization roles', async () => {
      const created = await createProduct(resellerA);
      expect((await resellerB.get(`/catalog/products/${created.id}`)).status).toBe(404);
      expect((await patch(resellerB, `/catalog/products/${created.id}`, { price: '1.00' })).status).toBe(404);
      expect(ok(await resellerA.get(`/catalog/products/${created.id}`), 200).price).toBe('10.50');
      expect((await adminA.post('/catalog/products', product())).status).toBe(403);
      expect((await adminA.get('/catalog/products')).status).toBe(403);
      const listB = ok(await resellerB.get('/catalog/products?limit=500'), 200);
      expect((listB.items as any[]).some((p) => p.id === created.id)).toBe(false);
    });

    it('refuses invalid products with 400 naming the fields', async () => {
      const invalid = await resellerA.post('/catalog/products', product({ price: '-1.00', cost: '1.234', billingFrequency: 'weekly', sku: 'has blank' }));
      expect(invalid.status).toBe(400);
      expect((invalid.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['billingFrequency', 'cost', 'price', 'sku']);
      expect((await resellerA.post('/catalog/products', { ...product(), colour: 'blue' })).status).toBe(400);
    });
  });

  describe('e-store', () => {
    let e3: any;
    let backup: any;

    beforeAll(async () => {
      e3 = await createProduct(resellerA, { name: 'Microsoft 365 E3', price: '10.50', cost: '8.00' });
      backup = await createProduct(resellerA, { name: 'Backup', billingFrequency: 'annual', price: '120.00', cost: '60.00' });
    });

    it('curates the store with an organization price; everyone of the organization sees it at once, never with cost', async () => {
      const store = ok(await put(resellerA, `/organizations/${orgA.id}/store`, { products: [{ productId: e3.id, price: 9.9 }, { productId: backup.id }] }), 200);
      expect(store).toEqual({
        items: [
          { productId: e3.id, name: 'Microsoft 365 E3', vendor: 'Microsoft', description: 'Office apps', billingFrequency: 'monthly', price: '9.90', currency: 'SEK' },
          { productId: backup.id, name: 'Backup', vendor: 'Microsoft', description: 'Office apps', billingFrequency: 'annual', price: '120.00', currency: 'SEK' },
        ],
      });
      const user = await loginAs(await createUser(resellerA, orgA, 'org_user'));
      for (const reader of [resellerA, adminA, viewerA, billingA, user]) {
        const read = await reader.get(`/organizations/${orgA.id}/store`);
        expect([read.status, read.body]).toEqual([200, store]);
        expect(JSON.stringify(read.body)).not.toMatch(/cost|8\.00|60\.00/);
      }
      // The catalog price follows product changes for items without an organization price.
      ok(await patch(resellerA, `/catalog/products/${backup.id}`, { price: '130.00' }), 200);
      expect(ok(await adminA.get(`/organizations/${orgA.id}/store`), 200).items.map((i: any) => i.price)).toEqual(['9.90', '130.00']);
      // Another organization of the same reseller has its own (empty) store.
      expect(ok(await adminA2.get(`/organizations/${orgA2.id}/store`), 200)).toEqual({ items: [] });
    });

    it('takes only products of the reseller\'s own catalog (400), and only from its admins (403)', async () => {
      const foreign = await createProduct(resellerB);
      const refused = await put(resellerA, `/organizations/${orgA2.id}/store`, { products: [{ productId: e3.id }, { productId: foreign.id }, { productId: e3.id }] });
      expect(refused.status).toBe(400);
      expect((refused.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['products.1.productId', 'products.2.productId']);
      expect((await put(adminA2, `/organizations/${orgA2.id}/store`, { products: [] })).status).toBe(403);
      expect(ok(await adminA2.get(`/organizations/${orgA2.id}/store`), 200)).toEqual({ items: [] });
    });

    it("answers 404 to another reseller's admin and to another organization's users, and changes nothing", async () => {
      const before = ok(await resellerA.get(`/organizations/${orgA.id}/store`), 200);
      expect((await resellerB.get(`/organizations/${orgA.id}/store`)).status).toBe(404);
      expect((await put(resellerB, `/organizations/${orgA.id}/store`, { products: [] })).status).toBe(404);
      expect((await adminA2.get(`/organizations/${orgA.id}/store`)).status).toBe(404);
      expect(ok(await resellerA.get(`/organizations/${orgA.id}/store`), 200)).toEqual(before);
    });
  });

  describe('subscriptions and assignments', () => {
    let e3: any;
    let backup: any;

    beforeAll(async () => {
      e3 = await createProduct(resellerA, { name: `E3 ${tag()}`, price: '10.50' });
      backup = await createProduct(resellerA, { name: `Backup ${tag()}`, billingFrequency: 'annual', price: '100.00' });
      ok(await put(resellerA, `/organizations/${orgA.id}/store`, { products: [{ productId: e3.id, price: '9.90' }, { productId: backup.id }] }), 200);
      // The order endpoint belongs to the approvals service; wait until it answers (it is built alongside).
    });

    it('activates a subscription from an approved order, at the organization price', async () => {
      const subscription = await orderSubscription(adminA, orgA, e3.id, 3);
      expect(subscription).toEqual({
        id: expect.any(String), organizationId: orgA.id, productId: e3.id, productName: e3.name, quantity: 3, price: '9.90', currency: 'SEK', billingFrequency: 'monthly',
        status: 'active', startedAt: expect.any(String), cancelledAt: null, assignedUserIds: [],
      });
      for (const reader of [resellerA, viewerA, billingA]) {
        const list = ok(await reader.get(`/organizations/${orgA.id}/subscriptions`), 200);
        expect((list.items as any[]).map((s) => s.id)).toContain(subscription.id);
      }
    });

    it('never assigns more users than the quantity, nor users outside the organization; viewers and users may not assign', async () => {
      const subscription = await orderSubscription(resellerA, orgA, backup.id, 2);
      const [u1, u2, u3] = [await createUser(resellerA, orgA, 'org_user'), await createUser(resellerA, orgA, 'org_user'), await createUser(resellerA, orgA, 'org_user')];
      const path = `/organizations/${orgA.id}/subscriptions/${subscription.id}/assignments`;
      const tooMany = await put(adminA, path, { userIds: [u1.id, u2.id, u3.id] });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual([{ field: 'userIds', message: expect.stringMatching(/^At most 2 users can hold licences of this subscription/) }]);
      const outsider = await createUser(resellerA, orgA2, 'org_user');
      const notMember = await put(adminA, path, { userIds: [u1.id, outsider.id] });
      expect([notMember.status, notMember.body.errors]).toEqual([400, [{ field: 'userIds.1', message: `User ${outsider.id} is not a user of this organization` }]]);
      for (const role of [viewerA, billingA, await loginAs(u1)]) expect((await put(role, path, { userIds: [u1.id] })).status).toBe(403);
      const assigned = ok(await put(adminA, path, { userIds: [u1.id, u2.id] }), 200);
      expect(assigned).toMatchObject({ id: subscription.id, quantity: 2, assignedUserIds: [u1.id, u2.id] });
      expect(ok(await resellerA.get(`/organizations/${orgA.id}/subscriptions/${subscription.id}`), 200).assignedUserIds).toEqual([u1.id, u2.id]);
    });

    it('shows an org user only the subscriptions assigned to them', async () => {
      const mine = await orderSubscription(adminA, orgA, e3.id, 1);
      const notMine = await orderSubscription(adminA, orgA, e3.id, 1);
      const user = await createUser(resellerA, orgA, 'org_user');
      ok(await put(adminA, `/organizations/${orgA.id}/subscriptions/${mine.id}/assignments`, { userIds: [user.id] }), 200);
      const asUser = await loginAs(user);
      const list = await eventually(async () => {
        const response = await asUser.get(`/organizations/${orgA.id}/subscriptions`);
        return response.status === 200 && response.body.items.length > 0 ? response.body : undefined;
      }, 15_000, "the user's subscriptions");
      expect(list.items.map((s: any) => s.id)).toEqual([mine.id]);
      expect((await asUser.get(`/organizations/${orgA.id}/subscriptions/${notMine.id}`)).status).toBe(404);
      expect(ok(await asUser.get(`/organizations/${orgA.id}/subscriptions/${mine.id}`), 200).id).toBe(mine.id);
    });

    it("answers 404 to another organization's admin and another reseller's admin", async () => {
      const subscription = await orderSubscription(adminA, orgA, e3.id, 1);
      const user = await createUser(resellerA, orgA, 'org_user');
      expect((await adminA2.get(`/organizations/${orgA.id}/subscriptions`)).status).toBe(404);
      expect((await resellerB.get(`/organizations/${orgA.id}/subscriptions`)).status).toBe(404);
      expect((await adminA2.get(`/organizations/${orgA2.id}/subscriptions/${subscription.id}`)).status).toBe(404);
      expect((await put(adminA2, `/organizations/${orgA2.id}/subscriptions/${subscription.id}/assignments`, { userIds: [] })).status).toBe(404);
      expect((await put(resellerB, `/organizations/${orgA.id}/subscriptions/${subscription.id}/assignments`, { userIds: [user.id] })).status).toBe(404);
      expect((await put(resellerB, `/organizations/${orgB.id}/subscriptions/${subscription.id}/assignments`, { userIds: [] })).status).toBe(404);
      expect(ok(await resellerA.get(`/organizations/${orgA.id}/subscriptions/${subscription.id}`), 200).assignedUserIds).toEqual([]);
    });

    it("moves a licence from one user to another and both users' servicesCount follow", async () => {
      const first = await orderSubscription(adminA, orgA, e3.id, 1);
      const second = await orderSubscription(adminA, orgA, backup.id, 1);
      const [anna, bert] = [await createUser(adminA, orgA, 'org_user'), await createUser(adminA, orgA, 'org_user')];
      ok(await put(adminA, `/organizations/${orgA.id}/subscriptions/${first.id}/assignments`, { userIds: [anna.id] }), 200);
      ok(await put(adminA, `/organizations/${orgA.id}/subscriptions/${second.id}/assignments`, { userIds: [anna.id] }), 200);
      await eventually(async () => ((await servicesCounts(adminA, orgA, [anna, bert])).join() === '2,0' ? true : undefined), 15_000, 'anna to hold 2 services');
      const moved = ok(await put(adminA, `/organizations/${orgA.id}/subscriptions/${first.id}/assignments`, { userIds: [bert.id] }), 200);
      expect(moved.assignedUserIds).toEqual([bert.id]);
      await eventually(async () => ((await servicesCounts(adminA, orgA, [anna, bert])).join() === '1,1' ? true : undefined), 15_000, 'the move to reach servicesCount');
      expect(ok(await adminA.get(`/organizations/${orgA.id}/users/${bert.id}`), 200).servicesCount).toBe(1);
    });

    it('applies an approved quantity change, and a cancellation that frees the licences', async () => {
      const subscription = await orderSubscription(adminA, orgA, e3.id, 1);
      const carl = await createUser(adminA, orgA, 'org_user');
      const path = `/organizations/${orgA.id}/subscriptions/${subscription.id}`;
      ok(await adminA.post(`${path}/changes`, { quantity: 4 }), 201);
      await eventually(async () => ((await adminA.get(path)).body.quantity === 4 ? true : undefined), 15_000, 'the new quantity');
      ok(await put(adminA, `${path}/assignments`, { userIds: [carl.id] }), 200);
      await eventually(async () => ((await servicesCounts(adminA, orgA, [carl]))[0] === 1 ? true : undefined), 15_000, 'carl to hold the service');
      ok(await adminA.post(`${path}/cancel`), 201);
      const cancelled = await eventually(async () => {
        const read = (await adminA.get(path)).body;
        return read.status === 'cancelled' ? read : undefined;
      }, 15_000, 'the cancellation');
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String), assignedUserIds: [] });
      await eventually(async () => ((await servicesCounts(adminA, orgA, [carl]))[0] === 0 ? true : undefined), 15_000, 'the freed licence to reach servicesCount');
      const refused = await put(adminA, `${path}/assignments`, { userIds: [carl.id] });
      expect(refused.status).toBe(409);
    });
  });
});

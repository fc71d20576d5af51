import { ApiClient, eventually } from './support/http-client';
import { createOrganization, createOrganizationUser, PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(300_000);

interface Entry {
  id: string;
  at: string;
  resellerId: string | null;
  organizationId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  target: { type: string; id: string | null; name: string | null };
  summary: string;
  correlationId: string;
}

/**
 * The activity log through the HTTP API, every service its own process: a customer's walkthrough (the reseller sets
 * the organization up, its admin signs in, adds a user, changes and disables them, orders, the reseller approves, a
 * budget is set, a sign-in is refused) is listed action by action with its actor, filtered, paged and exported as
 * CSV; another reseller's organization goes through the same and never shows; who may read which list is checked.
 */
describe('activity log (end to end)', () => {
  let platform: PlatformProcess;
  let anonymous: ApiClient;
  let platformAdmin: ApiClient;

  interface Tenant {
    resellerId: string;
    reseller: ApiClient;
    resellerAdminId: string;
    organizationId: string;
    admin: { id: string; client: ApiClient; username: string };
    viewer: ApiClient;
    plainUser: { id: string; client: ApiClient };
    orderId: string;
  }
  let tenant: Tenant;
  let other: Tenant;

  const activity = async (client: ApiClient, path: string): Promise<Entry[]> => {
    const answer = await client.get(path);
    expect(answer.status).toBe(200);
    return answer.body.items as Entry[];
  };

  /** A reseller, its organization and the customer's walkthrough in it. */
  const walkthrough = async (name: string): Promise<Tenant> => {
    const registered = await registerReseller(platformAdmin, name);
    const reseller = await anonymous.login(registered.username, PASSWORD);
    const resellerAdminId = (await reseller.get('/me')).body.id as string;
    const t = tag();
    const product = await reseller.post('/catalog/products', {
      name: `Logged seats ${t}`, vendor: 'Contoso Software', sku: `SKU-${t}`, description: 'A product for the activity log', billingFrequency: 'monthly', price: '10.50', cost: '1.00',
    });
    expect(product.status).toBe(201);
    const { id: organizationId, domain } = await createOrganization(reseller, `activity${t}.example`);
    expect((await reseller.request('PUT', `/organizations/${organizationId}/store`, { products: [{ productId: product.body.id }] })).status).toBe(200);
    const settings = await reseller.get(`/organizations/${organizationId}/settings`);
    expect((await reseller.request('PUT', `/organizations/${organizationId}/settings`, { ...settings.body, approvalRequired: true })).status).toBe(200);
    const admin = await createOrganizationUser(reseller, anonymous, organizationId, domain, 'org_admin');
    const adminUsername = (await reseller.get(`/organizations/${organizationId}/users/${admin.id}`)).body.username as string;
    const viewer = (await createOrganizationUser(admin.client, anonymous, organizationId, domain, 'org_viewer')).client;
    const plainUser = await createOrganizationUser(admin.client, anonymous, organizationId, domain, 'org_user');
    const changed = await admin.client.request('PATCH', `/organizations/${organizationId}/users/${plainUser.id}`, { firstName: 'Renamed' });
    expect(changed.status).toBe(200);
    expect((await admin.client.post(`/organizations/${organizationId}/users/disable`, { userIds: [plainUser.id] })).status).toBe(200);
    const ordered = await admin.client.post(`/organizations/${organizationId}/orders`, { productId: product.body.id, quantity: 3 });
    expect(ordered.body.status).toBe('pending_approval');
    expect((await reseller.post(`/approvals/${ordered.body.transactionId}/approve`, { comment: 'Fine' })).status).toBe(200);
    expect((await admin.client.request('PUT', `/organizations/${organizationId}/budgets/organization`, { period: 'monthly', amount: '5000', overBudget: 'needs_approval' })).status).toBe(200);
    // A refused sign-in of a user of the organization.
    expect((await anonymous.post('/auth/login', { username: adminUsername, password: 'not-the-password-1A!' })).status).toBe(401);
    return { resellerId: registered.id, reseller, resellerAdminId, organizationId, admin: { ...admin, username: adminUsername }, viewer, plainUser, orderId: ordered.body.transactionId };
  };

  beforeAll(async () => {
    platform = new PlatformProcess();
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    tenant = await walkthrough('activity');
    other = await walkthrough('elsewhere');
    // A sign-in refused for a username nobody has: no tenant, so only the platform's list holds it.
    expect((await anonymous.post('/auth/login', { username: `nobody${tag()}@nowhere.example`, password: 'whatever-1A!' })).status).toBe(401);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it("lists each action of the organization's walkthrough with its actor, newest first", async () => {
    const { organizationId, admin, resellerAdminId, plainUser, orderId } = tenant;
    const entries = await eventually(async () => {
      const items = await activity(admin.client, `/organizations/${organizationId}/activity?limit=500`);
      return items.some((e) => e.action === 'user.sign-in-failed') && items.some((e) => e.action === 'budget.changed') ? items : undefined;
    }, 30_000, 'the walkthrough in the activity log');
    const actions = (action: string) => entries.filter((e) => e.action === action);
    expect(actions('organization.created')).toEqual([expect.objectContaining({ actorId: resellerAdminId, target: expect.objectContaining({ type: 'organization', id: organizationId }) })]);
    expect(actions('store.curated')).toEqual([expect.objectContaining({ actorId: resellerAdminId })]);
    // The settings page's approval process is the approvals service's policy.
    expect(actions('approval-policy.changed')).toEqual([expect.objectContaining({ actorId: resellerAdminId })]);
    expect(actions('user.created').map((e) => e.actorId).sort()).toEqual([resellerAdminId, admin.id, admin.id].sort());
    expect(actions('user.changed')).toEqual([expect.objectContaining({ actorId: admin.id, target: expect.objectContaining({ id: plainUser.id }) })]);
    expect(actions('user.disabled')).toEqual([expect.objectContaining({ actorId: admin.id, target: expect.objectContaining({ id: plainUser.id }) })]);
    expect(actions('user.signed-in').map((e) => e.actorId)).toContain(admin.id);
    expect(actions('user.sign-in-failed')).toEqual([expect.objectContaining({ actorId: admin.id, summary: expect.stringMatching(/^Sign-in refused \(wrong password\) from 127\.0\.0\.1$/) })]);
    expect(actions('transaction.requested')).toEqual([expect.objectContaining({ actorId: admin.id, target: expect.objectContaining({ id: orderId }) })]);
    expect(actions('transaction.approved')).toEqual([expect.objectContaining({ actorId: resellerAdminId, actorName: expect.any(String), target: expect.objectContaining({ id: orderId }) })]);
    expect(actions('budget.changed')).toEqual([expect.objectContaining({ actorId: admin.id })]);
    // Newest first, and the request and its approval each name their own request.
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    expect(actions('transaction.requested')[0]!.correlationId).not.toBe(actions('transaction.approved')[0]!.correlationId);
    // Nothing of the other reseller's organization, and no password anywhere.
    expect(entries.every((e) => e.organizationId === organizationId && e.resellerId === tenant.resellerId)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(other.organizationId);
    expect(JSON.stringify(entries)).not.toContain('not-the-password');
  });

  it('filters by action, actor, target and time, and pages through the same list', async () => {
    const { organizationId, admin, orderId } = tenant;
    const path = `/organizations/${organizationId}/activity`;
    const all = await activity(admin.client, `${path}?limit=500`);
    expect((await activity(admin.client, `${path}?action=transaction.approved`)).map((e) => e.target.id)).toEqual([orderId]);
    expect((await activity(admin.client, `${path}?actorId=${admin.id}&limit=500`)).map((e) => e.id)).toEqual(all.filter((e) => e.actorId === admin.id).map((e) => e.id));
    expect((await activity(admin.client, `${path}?targetId=${orderId}`)).map((e) => e.action).sort()).toEqual(['transaction.approved', 'transaction.requested']);
    const middle = all[Math.floor(all.length / 2)]!.at;
    expect((await activity(admin.client, `${path}?to=${encodeURIComponent(middle)}&limit=500`)).map((e) => e.id)).toEqual(all.filter((e) => e.at < middle).map((e) => e.id));
    expect((await activity(admin.client, `${path}?from=${encodeURIComponent(middle)}&limit=500`)).map((e) => e.id)).toEqual(all.filter((e) => e.at >= middle).map((e) => e.id));

    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page = await admin.client.get(`${path}?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      paged.push(...(page.body.items as Entry[]));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));

    const bad = await admin.client.get(`${path}?action=DROP TABLE&from=yesterday`);
    expect(bad.status).toBe(400);
  });

  it('exports the same list as CSV', async () => {
    const { organizationId, admin } = tenant;
    const list = await activity(admin.client, `/organizations/${organizationId}/activity?limit=500`);
    const csv = await admin.client.get(`/organizations/${organizationId}/activity`, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,actorId,actorName,action,targetType,targetId,targetName,summary,organizationId,resellerId,correlationId');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 4))).toEqual(list.map((e) => [e.at, e.actorId ?? '', expect.any(String), e.action]));
    expect(lines).toHaveLength(list.length + 1);
  });

  it('lets the organization viewer read it, refuses a plain user, and hides it from another reseller', async () => {
    const { organizationId, viewer, plainUser } = tenant;
    expect((await viewer.get(`/organizations/${organizationId}/activity`)).status).toBe(200);
    const disabledUser = plainUser.client;
    expect([401, 403]).toContain((await disabledUser.get(`/organizations/${organizationId}/activity`)).status);
    const enabledPlain = await createOrganizationUser(tenant.admin.client, anonymous, organizationId, (await tenant.reseller.get(`/organizations/${organizationId}`)).body.primaryDomain, 'org_user');
    expect((await enabledPlain.client.get(`/organizations/${organizationId}/activity`)).status).toBe(403);
    expect((await other.reseller.get(`/organizations/${organizationId}/activity`)).status).toBe(404);
    expect((await other.admin.client.get(`/organizations/${organizationId}/activity`)).status).toBe(404);
    expect((await other.reseller.get(`/resellers/${tenant.resellerId}/activity`)).status).toBe(404);
    expect((await tenant.admin.client.get(`/resellers/${tenant.resellerId}/activity`)).status).toBe(403);
    expect((await tenant.reseller.get('/activity')).status).toBe(403);
  });

  it("gives the reseller its own actions and its organizations', and the platform admin everything, unknown usernames included", async () => {
    const own = await eventually(async () => {
      const items = await activity(tenant.reseller, `/resellers/${tenant.resellerId}/activity?limit=500`);
      return items.some((e) => e.action === 'product.created') ? items : undefined;
    }, 20_000, "the reseller's product in its list");
    expect(own.every((e) => e.resellerId === tenant.resellerId)).toBe(true);
    expect(own.some((e) => e.organizationId === tenant.organizationId && e.action === 'transaction.approved')).toBe(true);
    expect(JSON.stringify(own)).not.toContain(other.resellerId);

    const everything = await eventually(async () => {
      const items = await activity(platformAdmin, '/activity?action=user.sign-in-failed&limit=500');
      return items.some((e) => e.actorId === null && e.organizationId === null) ? items : undefined;
    }, 20_000, 'the refused sign-in of an unknown username');
    expect(everything.some((e) => e.organizationId === other.organizationId)).toBe(true);
    expect(everything.some((e) => e.organizationId === tenant.organizationId)).toBe(true);
  });
});

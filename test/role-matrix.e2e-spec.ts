import type { Role } from '@broker/contracts';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { PASSWORD, tag as unique } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Every role against every endpoint of api-v1.md that needs a login (Auth, Resellers, Organizations, Users, Catalog
 * and e-store, Subscriptions and transactions, Approvals, Billing, Support): the roles the contract names succeed,
 * every other role gets 403. The platform admin also reads every organization route (GET under /organizations/{id}) for
 * support, each read recorded, and writes none (docs/adr/0023-recorded-support-access.md). Rules about a person rather than a role ("the user themself", "the requester", "org_user
 * sees only theirs") have their own cases below. Cross-tenant attempts are covered by the feature tests (404).
 *
 * The organization requires approval, so an org admin's orders, changes and cancellations stay pending (reseller
 * staff's own requests are approved at once): that gives the approvals rows and the withdraw case their transactions.
 */
const ROLES: readonly Role[] = ['platform_admin', 'reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'];
const ORG_ROLES: readonly Role[] = ['org_admin', 'org_billing_admin', 'org_viewer', 'org_user'];
/** Readers of an organization route: the roles the contract names, and the platform admin for support. */
const readers = (...roles: Role[]): Role[] => ['platform_admin', ...roles];

interface World {
  resellerId: string;
  orgId: string;
  domain: string;
  users: Record<Role, { id: string; username: string }>;
  /** A user the write endpoints act on. */
  targetId: string;
  /** A monthly product of the reseller, in the organization's store. */
  productId: string;
}

interface Endpoint {
  name: string;
  allowed: readonly Role[];
  /** Builds the call for one role; may prepare what the call needs (as the reseller admin). */
  call(api: ApiClient, world: World, role: Role): Promise<ApiResponse>;
}


describe('role matrix (end to end)', () => {
  const platform = new PlatformProcess();
  const clients = {} as Record<Role, ApiClient>;
  let resellerAdmin: ApiClient;
  let world: World;

  beforeAll(async () => {
    await platform.start();
    const anonymous = new ApiClient(platform.baseUrl);
    clients.platform_admin = await anonymous.login(platform.adminUsername, platform.adminPassword);

    const tag = unique();
    const reseller = await clients.platform_admin.post('/resellers', {
      name: `Matrix ${tag}`, currency: 'EUR', notificationEmail: `n@r${tag}.example`, supportEmail: `s@r${tag}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username: `rita@r${tag}.example`, email: `rita@r${tag}.example`, password: PASSWORD },
    });
    expect(reseller.status).toBe(201);
    resellerAdmin = await anonymous.login(`rita@r${tag}.example`, PASSWORD);
    clients.reseller_admin = resellerAdmin;

    const domain = `o${tag}.example`;
    const org = await resellerAdmin.post('/organizations', { name: `Org ${tag}`, primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(org.status).toBe(201);

    const users = {} as World['users'];
    users.platform_admin = { id: '', username: platform.adminUsername };
    users.reseller_admin = { id: reseller.body.admin.id, username: `rita@r${tag}.example` };
    for (const role of ORG_ROLES) {
      const username = `${role.replace(/_/g, '')}@${domain}`;
      const created = await resellerAdmin.post(`/organizations/${org.body.id}/users`, { username, firstName: 'Quinn', lastName: 'Tester', email: username, role, password: PASSWORD });
      expect(created.status).toBe(201);
      users[role] = { id: created.body.id, username };
      clients[role] = await anonymous.login(username, PASSWORD);
    }
    const target = await resellerAdmin.post(`/organizations/${org.body.id}/users`, { username: `target@${domain}`, firstName: 'Tara', lastName: 'Target', email: `target@${domain}`, role: 'org_user', password: PASSWORD });
    expect(target.status).toBe(201);

    const product = await resellerAdmin.post('/catalog/products', newProduct());
    expect(product.status).toBe(201);
    expect((await resellerAdmin.request('PUT', `/organizations/${org.body.id}/store`, { products: [{ productId: product.body.id }] })).status).toBe(200);
    const settings = await resellerAdmin.get(`/organizations/${org.body.id}/settings`);
    expect((await resellerAdmin.request('PUT', `/organizations/${org.body.id}/settings`, { ...settings.body, approvalRequired: true })).status).toBe(200);
    world = { resellerId: reseller.body.id, orgId: org.body.id, domain, users, targetId: target.body.id, productId: product.body.id };
  });

  afterAll(async () => {
    await platform.stop();
  });

  const newUser = (w: World) => {
    const username = `u${unique()}@${w.domain}`;
    return { username, firstName: 'Nora', lastName: 'Newman', email: username, role: 'org_user', password: PASSWORD };
  };
  const newProduct = () => {
    const tag = unique();
    return { name: `Product ${tag}`, vendor: 'Contoso', sku: `SKU-${tag}`, description: 'For the role matrix', billingFrequency: 'monthly', price: '10.50', cost: '8.00' };
  };
  const freshUser = async (w: World) => (await resellerAdmin.post(`/organizations/${w.orgId}/users`, newUser(w))).body.id as string;
  const freshDomain = async (w: World) => {
    const domain = `d${unique()}.example`;
    expect((await resellerAdmin.post(`/organizations/${w.orgId}/domains`, { domain })).status).toBe(201);
    return domain;
  };

  const freshProduct = async () => {
    const created = await resellerAdmin.post('/catalog/products', newProduct());
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  /** A subscription ordered by the reseller admin (approved at once), once the catalog lists it as active. */
  const freshSubscription = async (w: World) => {
    const placed = await resellerAdmin.post(`/organizations/${w.orgId}/orders`, { productId: w.productId, quantity: 1 });
    expect([placed.status, placed.body.status]).toEqual([201, 'approved']);
    const id = placed.body.subscriptionId as string;
    await eventually(async () => {
      const list = await resellerAdmin.get(`/organizations/${w.orgId}/subscriptions?limit=500`);
      return (list.body.items as { id: string; status: string }[] | undefined)?.some((s) => s.id === id && s.status === 'active') ? true : undefined;
    }, 20_000, 'the ordered subscription');
    return id;
  };
  /** An order by the org admin, left pending by the organization's approval process. */
  const freshPending = async (w: World) => {
    const placed = await clients.org_admin.post(`/organizations/${w.orgId}/orders`, { productId: w.productId, quantity: 1 });
    expect([placed.status, placed.body.status]).toEqual([201, 'pending_approval']);
    return placed.body.transactionId as string;
  };
  /** Billing is a read model: wait once until it knows the organization. */
  let billingKnown: Promise<unknown> | undefined;
  const billingReady = (w: World) =>
    (billingKnown ??= eventually(async () => {
      const report = await resellerAdmin.get(`/organizations/${w.orgId}/billing/report`);
      const details = await resellerAdmin.get(`/organizations/${w.orgId}/billing/details`);
      return report.status === 200 && details.status === 200 ? true : undefined;
    }, 30_000, 'the organization to reach billing'));
  const currentMonth = () => new Date().toISOString().slice(0, 7);

  const endpoints: Endpoint[] = [
    { name: 'GET /me', allowed: ROLES, call: (api) => api.get('/me') },

    { name: 'POST /resellers', allowed: ['platform_admin'], call: (api) => {
      const tag = unique();
      return api.post('/resellers', { name: `R ${tag}`, currency: 'USD', notificationEmail: `n@x${tag}.example`, supportEmail: `s@x${tag}.example`, admin: { firstName: 'Ada', lastName: 'Admin', username: `ada@x${tag}.example`, email: `ada@x${tag}.example`, password: PASSWORD } });
    } },
    { name: 'GET /resellers', allowed: ['platform_admin'], call: (api) => api.get('/resellers') },
    { name: 'GET /resellers/{id}', allowed: ['platform_admin', 'reseller_admin'], call: (api, w) => api.get(`/resellers/${w.resellerId}`) },
    { name: 'GET /resellers/{id}/properties', allowed: ['platform_admin', 'reseller_admin'], call: (api, w) => api.get(`/resellers/${w.resellerId}/properties`) },
    { name: 'PUT /resellers/{id}/properties', allowed: ['platform_admin', 'reseller_admin'], call: (api, w) =>
      api.request('PUT', `/resellers/${w.resellerId}/properties`, { notificationEmail: `approvals@${w.domain}`, supportEmail: `support@${w.domain}` }) },

    { name: 'POST /organizations', allowed: ['reseller_admin'], call: (api) => {
      const domain = `n${unique()}.example`;
      return api.post('/organizations', { name: `New ${domain}`, primaryDomain: domain, notificationEmail: `it@${domain}` });
    } },
    { name: 'GET /organizations', allowed: ['reseller_admin'], call: (api) => api.get('/organizations') },
    { name: 'GET /organizations/{id}', allowed: readers('reseller_admin', ...ORG_ROLES), call: (api, w) => api.get(`/organizations/${w.orgId}`) },
    { name: 'PATCH /organizations/{id}', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.request('PATCH', `/organizations/${w.orgId}`, { notificationEmail: `it@${w.domain}` }) },
    { name: 'GET /organizations/{id}/settings', allowed: readers('reseller_admin', 'org_admin', 'org_viewer'), call: (api, w) => api.get(`/organizations/${w.orgId}/settings`) },
    { name: 'PUT /organizations/{id}/settings', allowed: ['reseller_admin'], call: async (api, w) => {
      const current = (await resellerAdmin.get(`/organizations/${w.orgId}/settings`)).body;
      return api.request('PUT', `/organizations/${w.orgId}/settings`, current);
    } },
    { name: 'GET /organizations/{id}/domains', allowed: readers('reseller_admin', ...ORG_ROLES), call: (api, w) => api.get(`/organizations/${w.orgId}/domains`) },
    { name: 'POST /organizations/{id}/domains', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/domains`, { domain: `p${unique()}.example` }) },
    { name: 'DELETE /organizations/{id}/domains/{domain}', allowed: ['reseller_admin', 'org_admin'], call: async (api, w) => api.request('DELETE', `/organizations/${w.orgId}/domains/${await freshDomain(w)}`) },

    { name: 'GET /organizations/{id}/users', allowed: readers('reseller_admin', 'org_admin', 'org_viewer'), call: (api, w) => api.get(`/organizations/${w.orgId}/users`) },
    { name: 'POST /organizations/{id}/users', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/users`, newUser(w)) },
    { name: 'POST /organizations/{id}/users/import', allowed: ['reseller_admin', 'org_admin'], call: (api, w) =>
      api.request('POST', `/organizations/${w.orgId}/users/import`, undefined, { 'content-type': 'text/csv' }, `username,firstName,lastName,email,role\ni${unique()}@${w.domain},Ida,Import,ida@${w.domain},org_user\n`) },
    { name: 'GET /organizations/{id}/users/{userId} (another user)', allowed: readers('reseller_admin', 'org_admin', 'org_viewer'), call: (api, w) => api.get(`/organizations/${w.orgId}/users/${w.targetId}`) },
    { name: 'PATCH /organizations/{id}/users/{userId}', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.request('PATCH', `/organizations/${w.orgId}/users/${w.targetId}`, { firstName: 'Tara' }) },
    { name: 'PUT /organizations/{id}/users/{userId}/password', allowed: ['reseller_admin', 'org_admin'], call: (api, w) =>
      api.request('PUT', `/organizations/${w.orgId}/users/${w.targetId}/password`, { password: PASSWORD }) },
    { name: 'DELETE /organizations/{id}/users/{userId}', allowed: ['reseller_admin', 'org_admin'], call: async (api, w) => api.request('DELETE', `/organizations/${w.orgId}/users/${await freshUser(w)}`) },
    { name: 'POST /organizations/{id}/users/disable', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/users/disable`, { userIds: [w.targetId] }) },
    { name: 'POST /organizations/{id}/users/enable', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/users/enable`, { userIds: [w.targetId] }) },

    { name: 'POST /catalog/products', allowed: ['reseller_admin'], call: (api) => api.post('/catalog/products', newProduct()) },
    { name: 'GET /catalog/products', allowed: ['reseller_admin'], call: (api) => api.get('/catalog/products') },
    { name: 'PATCH /catalog/products/{productId}', allowed: ['reseller_admin'], call: async (api) =>
      api.request('PATCH', `/catalog/products/${await freshProduct()}`, { price: '11.00', description: 'Changed' }) },
    { name: 'PUT /organizations/{id}/store', allowed: ['reseller_admin'], call: async (api, w) =>
      api.request('PUT', `/organizations/${w.orgId}/store`, { products: [{ productId: w.productId }, { productId: await freshProduct(), price: '9.90' }] }) },
    { name: 'GET /organizations/{id}/store', allowed: readers('reseller_admin', ...ORG_ROLES), call: (api, w) => api.get(`/organizations/${w.orgId}/store`) },

    { name: 'POST /organizations/{id}/orders', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/orders`, { productId: w.productId, quantity: 1 }) },
    { name: 'GET /organizations/{id}/subscriptions', allowed: readers('reseller_admin', ...ORG_ROLES), call: (api, w) => api.get(`/organizations/${w.orgId}/subscriptions`) },
    { name: 'POST /organizations/{id}/subscriptions/{subscriptionId}/changes', allowed: ['reseller_admin', 'org_admin'], call: async (api, w) =>
      api.post(`/organizations/${w.orgId}/subscriptions/${await freshSubscription(w)}/changes`, { quantity: 2 }) },
    { name: 'POST /organizations/{id}/subscriptions/{subscriptionId}/cancel', allowed: ['reseller_admin', 'org_admin'], call: async (api, w) =>
      api.post(`/organizations/${w.orgId}/subscriptions/${await freshSubscription(w)}/cancel`) },
    { name: 'PUT /organizations/{id}/subscriptions/{subscriptionId}/assignments', allowed: ['reseller_admin', 'org_admin'], call: async (api, w) =>
      api.request('PUT', `/organizations/${w.orgId}/subscriptions/${await freshSubscription(w)}/assignments`, { userIds: [w.targetId] }) },
    { name: 'GET /organizations/{id}/transactions', allowed: readers('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer'), call: (api, w) => api.get(`/organizations/${w.orgId}/transactions`) },

    { name: 'GET /approvals?status=pending', allowed: ['reseller_admin', 'org_admin', 'org_billing_admin'], call: (api) => api.get('/approvals?status=pending') },
    { name: 'GET /organizations/{id}/approval-chains', allowed: readers('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer'), call: (api, w) => api.get(`/organizations/${w.orgId}/approval-chains`) },
    { name: 'PUT /organizations/{id}/approval-chains', allowed: ['org_admin'], call: (api, w) =>
      api.request('PUT', `/organizations/${w.orgId}/approval-chains`, { rules: [{ condition: { type: 'annual_value_above', amount: '1000000.00' }, steps: [{ approverIds: [w.users.org_billing_admin.id] }] }] }) },
    { name: 'DELETE /organizations/{id}/approval-chains', allowed: ['org_admin'], call: (api, w) => api.request('DELETE', `/organizations/${w.orgId}/approval-chains`) },
    { name: 'GET /organizations/{id}/activity', allowed: readers('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer'), call: (api, w) => api.get(`/organizations/${w.orgId}/activity`) },
    { name: 'GET /resellers/{id}/activity', allowed: ['platform_admin', 'reseller_admin'], call: (api, w) => api.get(`/resellers/${w.resellerId}/activity`) },
    { name: 'GET /activity', allowed: ['platform_admin'], call: (api) => api.get('/activity') },
    { name: 'GET /organizations/{id}/webhooks', allowed: readers('reseller_admin', 'org_admin'), call: (api, w) => api.get(`/organizations/${w.orgId}/webhooks`) },
    { name: 'GET /resellers/{id}/webhooks', allowed: ['platform_admin', 'reseller_admin'], call: (api, w) => api.get(`/resellers/${w.resellerId}/webhooks`) },
    { name: 'GET /organizations/{id}/budgets', allowed: readers('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer'), call: (api, w) => api.get(`/organizations/${w.orgId}/budgets`) },
    { name: 'PUT /organizations/{id}/budgets/organization', allowed: ['org_admin', 'org_billing_admin'], call: (api, w) =>
      api.request('PUT', `/organizations/${w.orgId}/budgets/organization`, { period: 'yearly', amount: '1000000.00', overBudget: 'needs_approval' }) },
    { name: 'PUT /organizations/{id}/budgets/cost-centres/{costCentre}', allowed: ['org_admin', 'org_billing_admin'], call: (api, w) =>
      api.request('PUT', `/organizations/${w.orgId}/budgets/cost-centres/Lab`, { period: 'monthly', amount: '1000000.00', overBudget: 'refused' }) },
    { name: 'DELETE /organizations/{id}/budgets/cost-centres/{costCentre}', allowed: ['org_admin', 'org_billing_admin'], call: (api, w) => api.request('DELETE', `/organizations/${w.orgId}/budgets/cost-centres/Lab`) },
    { name: 'DELETE /organizations/{id}/budgets/organization', allowed: ['org_admin', 'org_billing_admin'], call: (api, w) => api.request('DELETE', `/organizations/${w.orgId}/budgets/organization`) },
    { name: 'GET /me/out-of-office', allowed: ['org_admin', 'org_billing_admin'], call: (api) => api.get('/me/out-of-office') },
    { name: 'DELETE /me/out-of-office', allowed: ['org_admin', 'org_billing_admin'], call: (api) => api.request('DELETE', '/me/out-of-office') },
    { name: 'POST /approvals/{transactionId}/approve', allowed: ['reseller_admin'], call: async (api, w) => api.post(`/approvals/${await freshPending(w)}/approve`, { comment: 'Fine' }) },
    { name: 'POST /approvals/{transactionId}/reject', allowed: ['reseller_admin'], call: async (api, w) => api.post(`/approvals/${await freshPending(w)}/reject`, { reason: 'No budget' }) },

    { name: 'GET /organizations/{id}/billing/report (JSON)', allowed: readers('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin'), call: async (api, w) => {
      await billingReady(w);
      return api.get(`/organizations/${w.orgId}/billing/report?from=${currentMonth()}&to=${currentMonth()}&groupBy=service`, { accept: 'application/json' });
    } },
    { name: 'GET /organizations/{id}/billing/details', allowed: readers('reseller_admin', 'org_admin', 'org_viewer', 'org_billing_admin'), call: async (api, w) => {
      await billingReady(w);
      return api.get(`/organizations/${w.orgId}/billing/details`);
    } },
    { name: 'PUT /organizations/{id}/billing/details', allowed: ['reseller_admin', 'org_admin', 'org_billing_admin'], call: async (api, w) => {
      await billingReady(w);
      return api.request('PUT', `/organizations/${w.orgId}/billing/details`, { billingContactName: 'Bea Billing', billingEmail: `billing@${w.domain}`, purchaseOrderReference: 'PO-1', invoiceAddress: 'Main Street 1' });
    } },
    { name: 'GET /billing/summary', allowed: ['reseller_admin'], call: async (api, w) => {
      await billingReady(w);
      return api.get(`/billing/summary?month=${currentMonth()}`);
    } },

    { name: 'GET /organizations/{id}/support-accesses', allowed: readers('reseller_admin', 'org_admin'), call: (api, w) => api.get(`/organizations/${w.orgId}/support-accesses`) },
    { name: 'POST /support-requests', allowed: ORG_ROLES, call: (api) => api.post('/support-requests', { subject: 'Question', message: 'How do I add seats?' }) },
  ];

  it.each(endpoints.map((e) => [e.name, e] as const))('%s: allowed roles succeed, every other role gets 403', async (_name, endpoint) => {
    const outcomes: string[] = [];
    for (const role of ROLES) {
      const response = await endpoint.call(clients[role], world, role);
      const allowed = endpoint.allowed.includes(role);
      const ok = allowed ? response.status >= 200 && response.status < 300 : response.status === 403;
      if (!ok) outcomes.push(`${role}: expected ${allowed ? '2xx' : '403'}, got ${response.status} ${JSON.stringify(response.body)}`);
    }
    expect(outcomes).toEqual([]);
  });

  it('lets every user read themselves, and an org user nobody else', async () => {
    for (const role of ORG_ROLES) {
      const self = await clients[role].get(`/organizations/${world.orgId}/users/${world.users[role].id}`);
      expect(self.status).toBe(200);
    }
    expect((await clients.org_user.get(`/organizations/${world.orgId}/users/${world.users.org_admin.id}`)).status).toBe(403);
  });

  it('lets only the requester withdraw a pending transaction (POST /organizations/{id}/transactions/{transactionId}/withdraw)', async () => {
    const transactionId = await freshPending(world);
    const path = `/organizations/${world.orgId}/transactions/${transactionId}/withdraw`;
    const otherAdmin = await resellerAdmin.post(`/organizations/${world.orgId}/users`, { ...newUser(world), role: 'org_admin' });
    expect(otherAdmin.status).toBe(201);
    const others: [string, ApiClient][] = [
      ...ROLES.filter((role) => role !== 'org_admin').map((role) => [role, clients[role]] as [string, ApiClient]),
      ['another org_admin', await new ApiClient(platform.baseUrl).login(otherAdmin.body.username, PASSWORD)],
    ];
    const outcomes: [string, number][] = [];
    for (const [who, api] of others) outcomes.push([who, (await api.post(path)).status]);
    expect(outcomes).toEqual(others.map(([who]) => [who, 403]));
    const withdrawn = await clients.org_admin.post(path);
    expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'withdrawn']);
  });

  it('shows an org user only the subscriptions assigned to them (GET /organizations/{id}/subscriptions)', async () => {
    const mine = await freshSubscription(world);
    const notMine = await freshSubscription(world);
    const me = world.users.org_user.id;
    const assigned = await resellerAdmin.request('PUT', `/organizations/${world.orgId}/subscriptions/${mine}/assignments`, { userIds: [me] });
    expect(assigned.status).toBe(200);
    const items = await eventually(async () => {
      const list = await clients.org_user.get(`/organizations/${world.orgId}/subscriptions?limit=500`);
      const found = list.body.items as { id: string; assignedUserIds: string[] }[] | undefined;
      return found?.some((s) => s.id === mine) ? found : undefined;
    }, 20_000, "the org user's subscription");
    expect(items.every((s) => s.assignedUserIds.includes(me))).toBe(true);
    expect(items.map((s) => s.id)).not.toContain(notMine);
    const all = (await resellerAdmin.get(`/organizations/${world.orgId}/subscriptions?limit=500`)).body.items as { id: string }[];
    expect(all.map((s) => s.id)).toEqual(expect.arrayContaining([mine, notMine]));
  });

  it('lets every role change its own password (PUT /me/password)', async () => {
    for (const role of ROLES) {
      const current = role === 'platform_admin' ? platform.adminPassword : PASSWORD;
      const response = await clients[role].request('PUT', '/me/password', { currentPassword: current, newPassword: `${PASSWORD}-${role.length}Zz` });
      expect([role, response.status]).toEqual([role, 204]);
    }
  });
});

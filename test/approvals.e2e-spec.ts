import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { readStream } from '@broker/messaging/testing';
import { metricSeries, metricValue } from '@broker/platform/testing';
import { Client } from 'pg';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganizationUser, PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(300_000);

/**
 * Orders, changes, cancellations and their approvals through the HTTP API, every service its own process: the
 * approval policy in force at the moment of the request, decisions (approve, reject, withdraw) decided once even
 * under 50 concurrent calls, tenancy (another reseller 404, an organization admin 403), the subscriptions the
 * catalog keeps from approved transactions only, and the audit trail of one transaction. Last, the Prometheus metrics
 * every process serves on its probe port, read after all of that.
 */

interface Reseller {
  id: string;
  admin: ApiClient;
  adminId: string;
}
interface Organization {
  id: string;
  domain: string;
  admin: ApiClient;
  adminId: string;
  viewer: ApiClient;
}

describe('transactions and approvals (end to end)', () => {
  const platform = new PlatformProcess({ probes: true });
  let anonymous: ApiClient;
  let platformAdmin: ApiClient;
  let nats: NatsConnection;
  let x: Reseller;
  let y: Reseller;
  /** Products of reseller X: 10.50 a month, 250.00 a year, 400.00 a year. */
  let monthly: string;
  let annual250: string;
  let annual400: string;

  const createReseller = async (name: string): Promise<Reseller> => {
    const { id, username } = await registerReseller(platformAdmin, name);
    const login = await anonymous.post('/auth/login', { username, password: PASSWORD });
    expect(login.status).toBe(200);
    return { id, admin: anonymous.as(login.body.accessToken), adminId: login.body.user.id };
  };

  const createOrgUser = (orgId: string, role: string, domain: string) => createOrganizationUser(x.admin, anonymous, orgId, domain, role);

  /** An organization of reseller X with an org admin and an org viewer, and X's products in its store. */
  const createOrganization = async (name: string): Promise<Organization> => {
    const domain = `${name.toLowerCase()}${tag()}.example`;
    const created = await x.admin.post('/organizations', { name, primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const store = await x.admin.request('PUT', `/organizations/${id}/store`, { products: [{ productId: monthly }, { productId: annual250 }, { productId: annual400 }] });
    expect(store.status).toBe(200);
    const admin = await createOrgUser(id, 'org_admin', domain);
    const viewer = await createOrgUser(id, 'org_viewer', domain);
    return { id, domain, admin: admin.client, adminId: admin.id, viewer: viewer.client };
  };

  const createProduct = async (billingFrequency: 'monthly' | 'annual', price: string): Promise<string> => {
    const t = tag();
    const created = await x.admin.post('/catalog/products', {
      name: `Product ${price} ${billingFrequency} ${t}`,
      vendor: 'Contoso Software',
      sku: `SKU-${t}`,
      description: 'A product for the approvals tests',
      billingFrequency,
      price,
      cost: '1.00',
    });
    expect([created.status, created.body]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
    return created.body.id;
  };

  const setPolicy = async (orgId: string, approvalRequired: boolean, dynamicApproval: { enabled: boolean; annualLimit?: string }) => {
    const current = await x.admin.get(`/organizations/${orgId}/settings`);
    expect(current.status).toBe(200);
    const put = await x.admin.request('PUT', `/organizations/${orgId}/settings`, { ...current.body, approvalRequired, dynamicApproval });
    expect(put.status).toBe(200);
  };

  const order = (client: ApiClient, orgId: string, productId: string, quantity: number) => client.post(`/organizations/${orgId}/orders`, { productId, quantity });

  const subscriptionOf = async (client: ApiClient, orgId: string, subscriptionId: string): Promise<Record<string, any> | undefined> => {
    const list = await client.get(`/organizations/${orgId}/subscriptions?limit=500`);
    expect(list.status).toBe(200);
    return (list.body.items as Record<string, any>[]).find((s) => s.id === subscriptionId);
  };

  /** Waits until the subscription exists and passes `check` (the subscriptions list is a read model). */
  const subscriptionWhen = (orgId: string, subscriptionId: string, check: (s: Record<string, any>) => boolean, what: string) =>
    eventually(
      async () => {
        const subscription = await subscriptionOf(x.admin, orgId, subscriptionId);
        return subscription && check(subscription) ? subscription : undefined;
      },
      20_000,
      what,
    );

  /**
   * An order by reseller staff (approved on request) whose subscription becomes active: the catalog applies approved
   * transactions in order, so everything approved or decided before it has been applied once this one has.
   */
  const fence = async (orgId: string) => {
    const placed = await order(x.admin, orgId, monthly, 1);
    expect([placed.status, placed.body.status]).toEqual([201, 'approved']);
    await subscriptionWhen(orgId, placed.body.subscriptionId, (s) => s.status === 'active', 'the fence subscription');
  };

  const transactionsOf = async (client: ApiClient, orgId: string): Promise<Record<string, any>[]> => {
    const list = await client.get(`/organizations/${orgId}/transactions`);
    expect(list.status).toBe(200);
    return list.body.items;
  };

  const pendingApprovals = async (client: ApiClient): Promise<Record<string, any>[]> => {
    const list = await client.get('/approvals?status=pending');
    expect(list.status).toBe(200);
    return list.body.items;
  };

  /** Integration events on JetStream whose data matches. */
  const published = async (type: string, match: (data: Record<string, any>) => boolean) => {
    const messages = await readStream(await nats.jetstreamManager(), platform.names.eventStream);
    return messages.filter((m) => m.subject === platform.names.eventSubject(type) && match((m.json as { data: Record<string, any> }).data));
  };

  const problem = (response: ApiResponse) => [response.status, response.headers.get('content-type')?.split(';')[0]];

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    x = await createReseller('x');
    y = await createReseller('y');
    monthly = await createProduct('monthly', '10.50');
    annual250 = await createProduct('annual', '250.00');
    annual400 = await createProduct('annual', '400.00');
  });

  afterAll(async () => {
    await nats?.close();
    await platform.stop();
  });

  describe('approval process off, then on', () => {
    let org: Organization;

    beforeAll(async () => {
      org = await createOrganization('Contoso');
    });

    it('approves an order at once when no approval process is on, and the subscription becomes active', async () => {
      const placed = await order(org.admin, org.id, monthly, 3);
      expect(placed.status).toBe(201);
      expect(placed.body).toEqual({ transactionId: expect.any(String), status: 'approved', annualValue: '378.00', currency: 'EUR', subscriptionId: expect.any(String) });
      const subscription = await subscriptionWhen(org.id, placed.body.subscriptionId, (s) => s.status === 'active', 'the ordered subscription');
      expect(subscription).toMatchObject({ productId: monthly, quantity: 3, status: 'active' });

      const approved = await published('approvals.transaction-approved.v1', (d) => d.transactionId === placed.body.transactionId);
      expect(approved).toHaveLength(1);
      expect(approved[0]!.json).toMatchObject({ resellerId: x.id, organizationId: org.id, data: { byPolicy: true, decidedBy: 'policy', appliedPolicy: 'none', annualValue: '378.00', quantity: 3 } });
    });

    it('leaves an order pending under the approval process set a moment before; the reseller approves it and the subscription becomes active', async () => {
      await setPolicy(org.id, true, { enabled: false });
      const placed = await order(org.admin, org.id, monthly, 4);
      expect([placed.status, placed.body.status, placed.body.annualValue]).toEqual([201, 'pending_approval', '504.00']);

      const listed = await eventually(async () => (await pendingApprovals(x.admin)).find((p) => p.transactionId === placed.body.transactionId), 15_000, 'the pending approval');
      expect(listed).toEqual({
        transactionId: placed.body.transactionId,
        organizationId: org.id,
        organizationName: 'Contoso',
        type: 'order',
        productId: monthly,
        productName: expect.stringContaining('10.50 monthly'),
        quantity: 4,
        previousQuantity: 0,
        annualValue: '504.00',
        currency: 'EUR',
        requestedBy: org.adminId,
        requestedAt: expect.any(String),
      });
      expect((await pendingApprovals(y.admin)).find((p) => p.transactionId === placed.body.transactionId)).toBeUndefined();

      const approved = await x.admin.post(`/approvals/${placed.body.transactionId}/approve`, { comment: 'For the new team' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ id: placed.body.transactionId, status: 'approved', decidedBy: x.adminId, comment: 'For the new team', quantity: 4, annualValue: '504.00' });
      expect(await subscriptionWhen(org.id, placed.body.subscriptionId, (s) => s.status === 'active', 'the approved subscription')).toMatchObject({ quantity: 4 });
      expect((await x.admin.post(`/approvals/${placed.body.transactionId}/reject`, { reason: 'late' })).status).toBe(409);
    });

    it('rejects another with a reason (required), and no subscription appears', async () => {
      const placed = await order(org.admin, org.id, annual400, 2);
      expect([placed.status, placed.body.status, placed.body.annualValue]).toEqual([201, 'pending_approval', '800.00']);
      const noReason = await x.admin.post(`/approvals/${placed.body.transactionId}/reject`, {});
      expect(problem(noReason)).toEqual([400, 'application/problem+json']);
      expect([...new Set(noReason.body.errors.map((e: { field: string }) => e.field))]).toEqual(['reason']);
      expect((await x.admin.post(`/approvals/${placed.body.transactionId}/reject`, { reason: '   ' })).status).toBe(400);

      const rejected = await x.admin.post(`/approvals/${placed.body.transactionId}/reject`, { reason: 'Over this quarter’s budget' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ id: placed.body.transactionId, status: 'rejected', decidedBy: x.adminId, reason: 'Over this quarter’s budget' });
      expect((await x.admin.post(`/approvals/${placed.body.transactionId}/approve`, {})).status).toBe(409);

      await fence(org.id);
      expect(await subscriptionOf(x.admin, org.id, placed.body.subscriptionId)).toBeUndefined();
    });

    it('lets the requester withdraw a third, and nobody else', async () => {
      const placed = await order(org.admin, org.id, monthly, 1);
      expect(placed.body.status).toBe('pending_approval');
      const path = `/organizations/${org.id}/transactions/${placed.body.transactionId}/withdraw`;
      expect((await org.viewer.post(path)).status).toBe(403);
      const other = await createOrgUser(org.id, 'org_admin', org.domain);
      expect((await other.client.post(path)).status).toBe(403);
      expect((await y.admin.post(path)).status).toBe(404);

      const withdrawn = await org.admin.post(path);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ id: placed.body.transactionId, status: 'withdrawn', decidedBy: org.adminId });
      expect((await org.admin.post(path)).status).toBe(409);
      expect((await x.admin.post(`/approvals/${placed.body.transactionId}/approve`, {})).status).toBe(409);
    });

    it("refuses decisions by another reseller's admin (404) and by an organization admin (403), and changes nothing", async () => {
      const placed = await order(org.admin, org.id, monthly, 2);
      const id = placed.body.transactionId;
      const foreign = await y.admin.post(`/approvals/${id}/approve`, {});
      expect(problem(foreign)).toEqual([404, 'application/problem+json']);
      expect((await y.admin.post(`/approvals/${id}/reject`, { reason: 'mine now' })).status).toBe(404);
      expect((await y.admin.post(`/approvals/${randomUUID()}/approve`, {})).status).toBe(404);
      expect(problem(await org.admin.post(`/approvals/${id}/approve`, {}))).toEqual([403, 'application/problem+json']);
      expect((await org.viewer.post(`/approvals/${id}/approve`, {})).status).toBe(403);
      // An organization admin's own list holds only what waits for their step of an approval chain: not this.
      const own = await org.admin.get('/approvals?status=pending');
      expect([own.status, own.body.items.some((p: { transactionId: string }) => p.transactionId === id)]).toEqual([200, false]);
      expect((await org.viewer.get('/approvals?status=pending')).status).toBe(403);
      expect((await y.admin.get(`/organizations/${org.id}/transactions/${id}/history`)).status).toBe(404);
      expect((await y.admin.get(`/organizations/${org.id}/transactions`)).status).toBe(404);

      const history = await org.viewer.get(`/organizations/${org.id}/transactions/${id}/history`);
      expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['requested']);
    });

    it("lists the organization's transactions newest first, with their outcomes", async () => {
      const items = await eventually(
        async () => {
          const list = await transactionsOf(org.viewer, org.id);
          return list.length >= 6 ? list : undefined;
        },
        15_000,
        'six transactions',
      );
      const statuses = items.map((t) => `${t.type}:${t.status}`);
      expect(statuses).toEqual(['order:pending_approval', 'order:withdrawn', 'order:approved', 'order:rejected', 'order:approved', 'order:approved']);
      const sorted = [...items].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
      expect(items.map((t) => t.id)).toEqual(sorted.map((t) => t.id));
      expect(items.find((t) => t.status === 'rejected')).toMatchObject({ reason: 'Over this quarter’s budget', decidedBy: x.adminId, decidedAt: expect.any(String), annualValue: '800.00' });
      expect(Object.keys(items[0]!)).toEqual(expect.arrayContaining(['id', 'type', 'status', 'productId', 'quantity', 'annualValue', 'requestedBy', 'requestedAt']));
    });

    it("shows the organization's current name in the pending approvals, newest first", async () => {
      const later = await order(org.admin, org.id, monthly, 6);
      const renamed = await x.admin.request('PATCH', `/organizations/${org.id}`, { name: 'Contoso Group' });
      expect(renamed.status).toBe(200);
      const ours = await eventually(
        async () => {
          const list = (await pendingApprovals(x.admin)).filter((p) => p.organizationId === org.id);
          return list.length === 2 && list.every((p) => p.organizationName === 'Contoso Group') ? list : undefined;
        },
        15_000,
        'the renamed organization in the pending approvals',
      );
      expect(ours[0]!.transactionId).toBe(later.body.transactionId);
      expect(ours[0]!.requestedAt >= ours[1]!.requestedAt).toBe(true);
    });
  });

  describe('dynamic limit 1000.00', () => {
    let org: Organization;

    beforeAll(async () => {
      org = await createOrganization('Fabrikam');
      await setPolicy(org.id, false, { enabled: true, annualLimit: '1000.00' });
    });

    it('leaves 10 seats at 10.50 a month (1260.00 a year) pending, and the audit trail names the actor, time, value and policy', async () => {
      const placed = await order(org.admin, org.id, monthly, 10);
      expect(placed.body).toMatchObject({ status: 'pending_approval', annualValue: '1260.00', currency: 'EUR' });
      const approved = await x.admin.post(`/approvals/${placed.body.transactionId}/approve`, {});
      expect(approved.status).toBe(200);

      const history = await org.admin.get(`/organizations/${org.id}/transactions/${placed.body.transactionId}/history`);
      expect(history.status).toBe(200);
      const policy = { approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: '1000.00' } };
      expect(history.body).toEqual({
        transactionId: placed.body.transactionId,
        items: [
          { type: 'requested', at: expect.any(String), actorId: org.adminId, annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy },
          { type: 'approved', at: approved.body.decidedAt, actorId: x.adminId, annualValue: '1260.00', appliedPolicy: 'dynamic_limit', policy },
        ],
      });
      const [requested, decided] = history.body.items;
      expect(Date.parse(requested.at)).toBeLessThanOrEqual(Date.parse(decided.at));
    });

    it('approves 7 seats (882.00) by policy', async () => {
      const placed = await order(org.admin, org.id, monthly, 7);
      expect(placed.body).toMatchObject({ status: 'approved', annualValue: '882.00' });
      const history = await org.viewer.get(`/organizations/${org.id}/transactions/${placed.body.transactionId}/history`);
      expect(history.body.items.map((e: { type: string; actorId: string }) => [e.type, e.actorId])).toEqual([
        ['requested', org.adminId],
        ['approved', 'policy'],
      ]);
    });

    it("approves a value exactly at the limit by policy, and values an annual product at price x quantity", async () => {
      expect((await order(org.admin, org.id, annual250, 4)).body).toMatchObject({ status: 'approved', annualValue: '1000.00' });
      expect((await order(org.admin, org.id, annual250, 5)).body).toMatchObject({ status: 'pending_approval', annualValue: '1250.00' });
      expect((await order(org.admin, org.id, annual400, 2)).body).toMatchObject({ status: 'approved', annualValue: '800.00' });
    });

    it('approves a quantity decrease by policy (worth 0.00), values an increase by its increase, and refuses bad quantities', async () => {
      const placed = await order(org.admin, org.id, monthly, 7);
      const subscriptionId = placed.body.subscriptionId;
      await subscriptionWhen(org.id, subscriptionId, (s) => s.status === 'active', 'the 7-seat subscription');

      const increase = await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 9 });
      expect([increase.status, increase.body]).toEqual([201, { transactionId: expect.any(String), status: 'approved', annualValue: '252.00', currency: 'EUR', subscriptionId }]);
      await subscriptionWhen(org.id, subscriptionId, (s) => s.quantity === 9, 'quantity 9');

      const decrease = await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 2 });
      expect([decrease.status, decrease.body.status, decrease.body.annualValue]).toEqual([201, 'approved', '0.00']);
      await subscriptionWhen(org.id, subscriptionId, (s) => s.quantity === 2, 'quantity 2');

      expect((await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 2 })).status).toBe(400);
      expect((await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 0 })).status).toBe(400);
      expect((await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 100_001 })).status).toBe(400);
      expect((await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 3.5 })).status).toBe(400);
      expect((await org.admin.post(`/organizations/${org.id}/subscriptions/${randomUUID()}/changes`, { quantity: 3 })).status).toBe(404);
      expect((await org.viewer.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 3 })).status).toBe(403);
    });

    it('refuses lowering a quantity below the number of assigned users with a clear message', async () => {
      const placed = await order(org.admin, org.id, monthly, 3);
      const subscriptionId = placed.body.subscriptionId;
      await subscriptionWhen(org.id, subscriptionId, (s) => s.status === 'active', 'the 3-seat subscription');
      const users = [await createOrgUser(org.id, 'org_user', org.domain), await createOrgUser(org.id, 'org_user', org.domain)];
      const assigned = await org.admin.request('PUT', `/organizations/${org.id}/subscriptions/${subscriptionId}/assignments`, { userIds: users.map((u) => u.id) });
      expect(assigned.status).toBe(200);

      const refused = await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 1 });
      expect(problem(refused)).toEqual([400, 'application/problem+json']);
      expect(refused.body.errors).toEqual([{ field: 'quantity', message: expect.stringContaining('2 users are assigned to this subscription') }]);
      expect((await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 2 })).body.status).toBe('approved');
    });

    it('cancels a subscription by policy (worth 0.00); a second cancellation is refused', async () => {
      const placed = await order(org.admin, org.id, annual400, 1);
      const subscriptionId = placed.body.subscriptionId;
      await subscriptionWhen(org.id, subscriptionId, (s) => s.status === 'active', 'the subscription to cancel');
      const cancelled = await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/cancel`);
      expect([cancelled.status, cancelled.body.status, cancelled.body.annualValue]).toEqual([201, 'approved', '0.00']);
      await subscriptionWhen(org.id, subscriptionId, (s) => s.status === 'cancelled', 'the cancelled subscription');
      expect((await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/cancel`)).status).toBe(409);
    });

    it('refuses a product outside the store (404) and invalid orders (400)', async () => {
      const elsewhere = await createProduct('monthly', '5.00');
      expect((await order(org.admin, org.id, elsewhere, 1)).status).toBe(404);
      expect((await order(org.admin, org.id, randomUUID(), 1)).status).toBe(404);
      const bad = await org.admin.post(`/organizations/${org.id}/orders`, { productId: monthly, quantity: 0, extra: true });
      expect(bad.status).toBe(400);
      expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['extra', 'quantity']);
      expect((await y.admin.post(`/organizations/${org.id}/orders`, { productId: monthly, quantity: 1 })).status).toBe(404);
    });
  });

  describe('concurrent decisions', () => {
    it('lets exactly one of 50 concurrent approve/reject calls succeed; the rest answer 409 and the subscription changes once', async () => {
      const org = await createOrganization('Northwind');
      const start = await order(x.admin, org.id, monthly, 2);
      const subscriptionId = start.body.subscriptionId;
      await subscriptionWhen(org.id, subscriptionId, (s) => s.status === 'active' && s.quantity === 2, 'the 2-seat subscription');
      await setPolicy(org.id, true, { enabled: false });
      const change = await org.admin.post(`/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity: 5 });
      expect([change.status, change.body.status]).toEqual([201, 'pending_approval']);
      const id = change.body.transactionId;

      const calls = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? x.admin.post(`/approvals/${id}/approve`, { comment: `call ${i}` }) : x.admin.post(`/approvals/${id}/reject`, { reason: `call ${i}` })));
      const answers = await Promise.all(calls);
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      const winner = answers.find((a) => a.status === 200)!.body;

      const history = await org.admin.get(`/organizations/${org.id}/transactions/${id}/history`);
      expect(history.body.items.map((e: { type: string }) => e.type)).toEqual(['requested', winner.status]);

      await fence(org.id);
      const subscription = await subscriptionOf(x.admin, org.id, subscriptionId);
      const quantityChanges = await published('catalog.subscription-quantity-changed.v1', (d) => d.subscriptionId === subscriptionId);
      const decisions = [
        ...(await published('approvals.transaction-approved.v1', (d) => d.transactionId === id)),
        ...(await published('approvals.transaction-rejected.v1', (d) => d.transactionId === id)),
      ];
      expect(decisions).toHaveLength(1);
      if (winner.status === 'approved') {
        expect(subscription).toMatchObject({ quantity: 5, status: 'active' });
        expect(quantityChanges).toHaveLength(1);
      } else {
        expect(winner.status).toBe('rejected');
        expect(subscription).toMatchObject({ quantity: 2, status: 'active' });
        expect(quantityChanges).toHaveLength(0);
      }
    });
  });

  describe('metrics after the load above', () => {
    const scrape = async (service: Parameters<typeof platform.probeUrl>[0]): Promise<string> => {
      const response = await fetch(`${platform.probeUrl(service)}/metrics`);
      expect([service, response.status]).toEqual([service, 200]);
      return response.text();
    };
    const total = (series: { value: number }[]) => series.reduce((sum, s) => sum + s.value, 0);

    it("serves each process's Node runtime metrics on its probe port", async () => {
      for (const service of ['gateway', 'identity', 'organizations', 'catalog', 'approvals', 'billing', 'notifications'] as const) {
        const body = await scrape(service);
        expect([service, (metricValue(body, 'process_resident_memory_bytes', { service }) ?? 0) > 10_000_000]).toEqual([service, true]);
        expect(metricValue(body, 'nodejs_eventloop_lag_seconds', { service })).toBeDefined();
      }
    });

    it('counts HTTP requests at the gateway by route template and status, never by a path with ids', async () => {
      const body = await scrape('gateway');
      const requests = metricSeries(body, 'broker_http_request_duration_seconds_count');
      const orders = requests.filter((s) => s.labels.route === '/api/v1/organizations/:orgId/orders' && s.labels.method === 'POST');
      expect(total(orders.filter((s) => s.labels.status === '201'))).toBeGreaterThanOrEqual(5);
      expect(total(orders.filter((s) => s.labels.status === '404'))).toBeGreaterThanOrEqual(1);
      // The 50 concurrent decisions: 49 answered 409.
      const refusedDecisions = requests.filter((s) => /^\/api\/v1\/approvals\/:[a-zA-Z]+\/(approve|reject)$/.test(s.labels.route ?? '') && s.labels.status === '409');
      expect(total(refusedDecisions)).toBeGreaterThanOrEqual(49);
      for (const series of requests) expect(series.labels.route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    });

    it('counts the e-mail attempts notifications made (this suite gives it no SMTP server: each is to be retried) and its queue', async () => {
      const body = await eventually(async () => {
        const text = await scrape('notifications');
        return (metricValue(text, 'broker_email_attempts_total', { service: 'notifications', outcome: 'retry' }) ?? 0) >= 1 ? text : undefined;
      }, 15_000, 'a failed e-mail attempt to be counted');
      expect(metricValue(body, 'broker_email_attempts_total', { service: 'notifications', outcome: 'sent' }) ?? 0).toBe(0);
      const queue = metricSeries(body, 'broker_email_queue_messages');
      expect(queue.map((s) => s.labels.status).sort()).toEqual(['parked', 'queued', 'sending']);
      expect(total(queue.filter((s) => s.labels.status !== 'parked'))).toBeGreaterThanOrEqual(1);
    });

    it('times the RPC requests approvals handled by subject and outcome', async () => {
      const body = await scrape('approvals');
      const handled = metricSeries(body, 'broker_rpc_server_duration_seconds_count');
      const orders = handled.filter((s) => s.labels.subject?.startsWith(`${platform.names.deployment}.`) && s.labels.subject.endsWith('.approvals.transaction.order'));
      expect(total(orders.filter((s) => s.labels.outcome === 'ok'))).toBeGreaterThanOrEqual(5);
      expect(orders.some((s) => s.labels.outcome === 'PRODUCT.NOT_FOUND')).toBe(true);
    });

    it("counts every event approvals appended, its outbox drains, and the catalog's consumers and projections catch up to nothing pending", async () => {
      const database = new Client({ connectionString: platform.databaseUrl });
      await database.connect();
      try {
        const written = await database.query<{ count: string }>(`SELECT count(*) FROM "${platform.names.schema('approvals')}".es_events`);
        const body = await scrape('approvals');
        expect(metricValue(body, 'broker_event_store_events_appended_total', { service: 'approvals' })).toBe(Number(written.rows[0]!.count));
        expect(metricValue(body, 'broker_event_store_append_duration_seconds_count', { service: 'approvals', outcome: 'ok' })).toBeGreaterThan(0);
        expect(metricValue(body, 'broker_outbox_leader', { service: 'approvals' })).toBe(1);
      } finally {
        await database.end();
      }
      await eventually(async () => (metricValue(await scrape('approvals'), 'broker_outbox_lag_events', { service: 'approvals' }) === 0 ? true : undefined), 15_000, "approvals' outbox to be drained");
      // The catalog's consumers and projections have nothing left to do once the load is applied.
      const body = await eventually(async () => {
        const text = await scrape('catalog');
        const pending = metricSeries(text, 'broker_consumer_pending_messages');
        const behind = metricSeries(text, 'broker_projection_lag_events');
        return pending.length > 0 && total(pending) === 0 && behind.length > 0 && total(behind) === 0 ? text : undefined;
      }, 15_000, "the catalog's consumers and projections to have nothing pending");
      expect(metricSeries(body, 'broker_projection_lag_seconds').every((s) => s.value === 0)).toBe(true);
      // One process of each service: it leads every projection.
      expect(metricSeries(body, 'broker_projection_leader').every((s) => s.value === 1)).toBe(true);
      const applied = metricSeries(body, 'broker_consumer_messages_total').filter((s) => s.labels.outcome === 'applied');
      expect(total(applied)).toBeGreaterThanOrEqual(5);
      expect(total(metricSeries(body, 'broker_consumer_parked_messages'))).toBe(0);
    });

    it("shows billing's versioned projections (the active version of each) caught up and led", async () => {
      const body = await eventually(async () => {
        const text = await scrape('billing');
        const behind = metricSeries(text, 'broker_projection_lag_events');
        return behind.length > 0 && total(behind) === 0 ? text : undefined;
      }, 15_000, "billing's projections to have nothing pending");
      const led = metricSeries(body, 'broker_projection_leader');
      expect(led.map((s) => s.labels.projection).every((name) => /^projection:billing_[a-z_]+:v\d+$/.test(name ?? ''))).toBe(true);
      expect(led.length).toBeGreaterThanOrEqual(3);
      expect(led.every((s) => s.value === 1)).toBe(true);
    });
  });
});

import { randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders } from 'nats';
import { ApprovalsEvents } from '@broker/contracts';
import { integrationEnvelope } from '@broker/messaging/testing';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, createReseller, tag, type Org } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(300_000);

/**
 * Retries that change nothing twice, and changes applied in the order they were decided, through the gateway with
 * every service running: Idempotency-Key on orders, changes, cancellations and decisions (same key and body: the
 * first answer; another body: 422; concurrent repeats: one command; a 5xx is not kept, so the retry runs; the
 * command's id follows from the key, so even a forgotten key repeats nothing), a change approved against a
 * subscription that moved on is refused, and approvals delivered out of order and twice leave the catalog and
 * billing agreeing on every seat.
 */
describe('idempotent commands and ordered subscription changes (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  let reseller: ApiClient;
  let resellerId: string;
  let org: Org;
  let admin: ApiClient;
  let otherAdmin: ApiClient;
  let productId: string;

  const keyed = (key: string) => ({ 'idempotency-key': key });
  const ok = <T = any>(response: ApiResponse<T>, status: number): T => {
    expect([response.status, response.body]).toEqual([status, expect.anything()]);
    return response.body;
  };
  const transactionsOf = async (orgId: string) => (await admin.get(`/organizations/${orgId}/transactions?limit=500`)).body.items as any[];
  const subscription = (orgId: string, subscriptionId: string, as = admin) =>
    eventually(async () => ((await as.get(`/organizations/${orgId}/subscriptions?limit=500`)).body.items as any[]).find((s) => s.id === subscriptionId), 15_000, `subscription ${subscriptionId}`);
  const setApprovalRequired = async (orgId: string, approvalRequired: boolean) => {
    const current = ok(await reseller.get(`/organizations/${orgId}/settings`), 200);
    ok(await reseller.request('PUT', `/organizations/${orgId}/settings`, { ...current, approvalRequired, dynamicApproval: { enabled: false, annualLimit: '0.00' } }), 200);
  };

  beforeAll(async () => {
    await platform.start();
    const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
    reseller = await createReseller(platformAdmin, anonymous());
    resellerId = ok(await reseller.get('/me'), 200).resellerId;
    org = await createOrganization(reseller);
    admin = (await createOrganizationUser(reseller, anonymous(), org.id, org.domain, 'org_admin')).client;
    otherAdmin = (await createOrganizationUser(reseller, anonymous(), org.id, org.domain, 'org_admin')).client;
    productId = ok(await reseller.post('/catalog/products', { name: `Seats ${tag()}`, vendor: 'Microsoft', sku: `SKU-${tag()}`, description: 'Seats', billingFrequency: 'monthly', price: '10.00', cost: '7.00' }), 201).id;
    ok(await reseller.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId }] }), 200);
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('answers an order repeated with its key as the first time, and orders once', async () => {
    const key = `order-${randomUUID()}`;
    const first = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 3 }, keyed(key));
    expect(first.status).toBe(201);
    const again = await admin.post(`/organizations/${org.id}/orders`, { quantity: 3, productId }, keyed(key));
    expect([again.status, again.body]).toEqual([201, first.body]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const ordered = await eventually(async () => {
      const found = (await transactionsOf(org.id)).filter((t) => t.id === first.body.transactionId);
      return found.length > 0 ? found : undefined;
    }, 15_000, 'the order in the list');
    expect(ordered).toHaveLength(1);

    const other = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 4 }, keyed(key));
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
    // Keys are the sender's own: another user's same key is another request.
    const theirs = await otherAdmin.post(`/organizations/${org.id}/orders`, { productId, quantity: 3 }, keyed(key));
    expect(theirs.status).toBe(201);
    expect(theirs.body.transactionId).not.toBe(first.body.transactionId);
  });

  it('runs many concurrent repeats of one keyed request once, and all get the same answer', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 12 }, () => admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 2 }, keyed(key))));
    for (const answer of answers) expect([answer.status, answer.body]).toEqual([201, answers[0]!.body]);
    const transactionId = answers[0]!.body.transactionId;
    await eventually(async () => ((await transactionsOf(org.id)).some((t) => t.id === transactionId) ? true : undefined), 15_000, 'the order in the list');
    expect((await transactionsOf(org.id)).filter((t) => t.id === transactionId)).toHaveLength(1);
  });

  it('repeats a refusal as it was, refuses keys it cannot keep, and documents the header', async () => {
    const key = randomUUID();
    const missing = randomUUID();
    const first = await admin.post(`/organizations/${org.id}/orders`, { productId: missing, quantity: 1 }, keyed(key));
    expect(first.status).toBe(404);
    const again = await admin.post(`/organizations/${org.id}/orders`, { productId: missing, quantity: 1 }, keyed(key));
    expect([again.status, again.body, again.headers.get('content-type')]).toEqual([404, first.body, expect.stringContaining('application/problem+json')]);

    const tooLong = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 1 }, keyed('k'.repeat(256)));
    expect(tooLong.status).toBe(400);

    const openapi = ok(await anonymous().get('/../docs-json'), 200);
    const orderParameters = openapi.paths['/api/v1/organizations/{orgId}/orders'].post.parameters as any[];
    expect(orderParameters.map((p) => p.name)).toContain('Idempotency-Key');
  });

  it('keeps no 5xx: a keyed order that found no approvals service runs when retried after it is back', async () => {
    const key = randomUUID();
    await platform.kill('approvals');
    try {
      const down = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 5 }, keyed(key));
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).not.toBeNull();
    } finally {
      platform.startService('approvals');
      await platform.waitUntilHealthy(60_000);
    }
    const retried = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 5 }, keyed(key));
    expect([retried.status, retried.body.status]).toEqual([201, 'approved']);
    await subscription(org.id, retried.body.subscriptionId);
  });

  it('fails fast with 503 and Retry-After while no catalog answers for the price, and orders once it is back', async () => {
    const key = randomUUID();
    await platform.kill('catalog');
    try {
      const started = Date.now();
      const down = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 4 }, keyed(key));
      // Well before the gateway's own 10 s wait: the quote is asked with a short timeout (ADR 13).
      expect([down.status, down.headers.get('retry-after') !== null, Date.now() - started < 8000]).toEqual([503, true, true]);
    } finally {
      platform.startService('catalog');
      await platform.waitUntilHealthy(60_000);
    }
    const retried = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 4 }, keyed(key));
    expect([retried.status, retried.body.status]).toEqual([201, 'approved']);
  });

  it('repeats nothing even when the gateway forgot the key: the command id follows from it', async () => {
    const key = randomUUID();
    const first = ok(await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 6 }, keyed(key)), 201);
    const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      await (await nc.jetstreamManager()).streams.purge(`KV_${platform.names.idempotencyBucket}`);
    } finally {
      await nc.close();
    }
    const again = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 6 }, keyed(key));
    expect([again.status, again.body.transactionId, again.headers.get('idempotent-replayed')]).toEqual([201, first.transactionId, null]);
    const changed = await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 7 }, keyed(key));
    expect([changed.status, changed.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
    // The list is a read model: once it has the order, it has it once.
    const listed = await eventually(async () => {
      const found = (await transactionsOf(org.id)).filter((t) => t.id === first.transactionId);
      return found.length > 0 ? found : undefined;
    }, 15_000, 'the order in the list');
    expect(listed).toHaveLength(1);
  });

  it('answers a keyed decision repeated as made, and refuses a change approved after another one moved its subscription on', async () => {
    const ordered = ok(await admin.post(`/organizations/${org.id}/orders`, { productId, quantity: 10 }, keyed(randomUUID())), 201);
    await setApprovalRequired(org.id, true);
    try {
      const first = ok(await admin.post(`/organizations/${org.id}/subscriptions/${ordered.subscriptionId}/changes`, { quantity: 14 }, keyed(randomUUID())), 201);
      const second = ok(await admin.post(`/organizations/${org.id}/subscriptions/${ordered.subscriptionId}/changes`, { quantity: 12 }, keyed(randomUUID())), 201);
      const decisionKey = randomUUID();
      const approved = await reseller.post(`/approvals/${first.transactionId}/approve`, { comment: 'ok' }, keyed(decisionKey));
      expect(approved.status).toBe(200);
      const repeated = await reseller.post(`/approvals/${first.transactionId}/approve`, { comment: 'ok' }, keyed(decisionKey));
      expect([repeated.status, repeated.body]).toEqual([200, approved.body]);
      const unkeyed = await reseller.post(`/approvals/${first.transactionId}/approve`, { comment: 'ok' });
      expect([unkeyed.status, unkeyed.body.code]).toEqual([409, 'APPROVAL.ALREADY_DECIDED']);

      const stale = await reseller.post(`/approvals/${second.transactionId}/approve`, {}, keyed(randomUUID()));
      expect([stale.status, stale.body.code]).toEqual([409, 'SUBSCRIPTION.CONFLICT']);
      ok(await reseller.post(`/approvals/${second.transactionId}/reject`, { reason: 'asked against 10 seats' }), 200);
      await eventually(async () => ((await subscription(org.id, ordered.subscriptionId)).quantity === 14 ? true : undefined), 15_000, 'the approved change');
    } finally {
      await setApprovalRequired(org.id, false);
    }
  });

  it('applies approvals delivered out of order and twice in the order they were decided; catalog and billing agree', async () => {
    const own = await createOrganization(reseller);
    ok(await reseller.request('PUT', `/organizations/${own.id}/store`, { products: [{ productId }] }), 200);
    const ordered = ok(await reseller.post(`/organizations/${own.id}/orders`, { productId, quantity: 2 }), 201);
    const opened = await subscription(own.id, ordered.subscriptionId, reseller);

    // Five changes decided one after another (sequence 1..5), delivered shuffled, some twice, one re-published under
    // another message id as a restarted publisher would.
    const quantities = [8, 3, 11, 5, 9];
    const base = Date.parse(opened.startedAt);
    const approvals = quantities.map((quantity, i) => {
      const effectiveAt = new Date(base + (i + 1) * 1000).toISOString();
      return integrationEnvelope(
        ApprovalsEvents.transactionApproved,
        {
          transactionId: randomUUID(), resellerId, organizationId: own.id, transactionType: 'change', productId, productName: opened.productName, subscriptionId: ordered.subscriptionId,
          quantity, previousQuantity: i === 0 ? 2 : quantities[i - 1]!, unitPrice: '10.00', annualValue: '0.00', currency: ordered.currency, billingFrequency: 'monthly',
          requestedBy: randomUUID(), requestedAt: new Date(base).toISOString(), appliedPolicy: 'none', decidedBy: 'policy', comment: null, byPolicy: true,
          effectiveAt, subscriptionSequence: i + 1,
        },
        { occurredAt: effectiveAt, resellerId, organizationId: own.id },
      );
    });
    const deliveries = [approvals[4]!, approvals[2]!, approvals[4]!, approvals[0]!, approvals[3]!, { ...approvals[2]!, id: randomUUID() }, approvals[1]!, approvals[0]!];
    const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      const js = nc.jetstream();
      for (const envelope of deliveries) {
        const h = natsHeaders();
        h.set('x-correlation-id', envelope.correlationId);
        // A new message id per delivery, so JetStream keeps every copy and the catalog must tell them apart itself.
        await js.publish(platform.names.eventSubject(envelope.type), new TextEncoder().encode(JSON.stringify(envelope)), { msgID: randomUUID(), headers: h });
      }
    } finally {
      await nc.close();
    }

    const applied = await eventually(async () => {
      const current = await subscription(own.id, ordered.subscriptionId, reseller);
      return current.quantity === 9 ? current : undefined;
    }, 20_000, 'the last decided quantity');
    expect(applied.quantity).toBe(9);

    const month = new Date().toISOString().slice(0, 7);
    const line = await eventually(async () => {
      const report = await reseller.get(`/organizations/${own.id}/billing/report?from=${month}&to=${month}&groupBy=service`);
      const found = report.status === 200 ? (report.body.lines as any[]).find((l) => l.productId === productId) : undefined;
      return found?.quantity === 9 ? found : undefined;
    }, 20_000, 'billing at the last decided quantity');
    // Every change took effect today: the rest of the month is billed at the last one, rounded once.
    const now = new Date();
    const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    const daysLeft = daysInMonth - now.getUTCDate() + 1;
    const cents = Math.round((9 * 1000 * daysLeft) / daysInMonth);
    expect(line).toMatchObject({ quantity: 9, amount: (cents / 100).toFixed(2) });
  });
});

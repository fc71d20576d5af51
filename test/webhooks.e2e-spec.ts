import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type NatsConnection } from 'nats';
import { Webhook } from 'standardwebhooks';
import { encodeEnvelope } from '@broker/messaging';
import { ApiClient, eventually } from './support/http-client';
import { createOrganization, createOrganizationUser, PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(300_000);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: { id: string; type: string; timestamp: string; data: Record<string, unknown>; tenant: { resellerId: string | null; organizationId: string | null } };
}

/** A real HTTP receiver on the loopback: records every request; answers `status` (503 while "down"). */
class Receiver {
  readonly received: Received[] = [];
  status = 200;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (this.status === 200) this.received.push({ headers: request.headers, body, payload: JSON.parse(body) as Received['payload'] });
        response.writeHead(this.status).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  of(type: string): Received[] {
    return this.received.filter((r) => r.payload.type === type);
  }
}

/**
 * Outgoing webhooks through the HTTP API with every service its own process and real HTTP receivers on the loopback
 * (the platform allows http:// and 127.0.0.0/8 here, as an operator may): each subscribed event arrives once, signed
 * so that a kept library verifies it; while a receiver is down its deliveries wait and then all arrive in order; an
 * integration event published twice is delivered once; a tenant never receives another's events; the secret is shown
 * once and rotated; the delivery log and a redelivery; private addresses refused.
 */
describe('webhooks (end to end)', () => {
  let platform: PlatformProcess;
  let nats: NatsConnection;
  let anonymous: ApiClient;
  const receivers = { contoso: new Receiver(), fabrikam: new Receiver() };
  interface Customer {
    organizationId: string;
    admin: ApiClient;
    productId: string;
    reseller: ApiClient;
    url: string;
    endpointId: string;
    secret: string;
  }
  let contoso: Customer;
  let fabrikam: Customer;

  const APPROVED = 'approvals.transaction-approved.v1';
  const verify = (secret: string, received: Received) =>
    new Webhook(secret).verify(received.body, {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    });

  const customer = async (name: string, receiver: Receiver): Promise<Customer> => {
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    const reseller = await anonymous.login((await registerReseller(platformAdmin, name)).username, PASSWORD);
    const t = tag();
    const product = await reseller.post('/catalog/products', {
      name: `Hooked seats ${t}`, vendor: 'Contoso Software', sku: `SKU-${t}`, description: 'A product for the webhook tests', billingFrequency: 'monthly', price: '10.50', cost: '1.00',
    });
    const { id: organizationId, domain } = await createOrganization(reseller, `hooks${t}.example`);
    expect((await reseller.request('PUT', `/organizations/${organizationId}/store`, { products: [{ productId: product.body.id }] })).status).toBe(200);
    const admin = (await createOrganizationUser(reseller, anonymous, organizationId, domain, 'org_admin')).client;
    const url = await receiver.start();
    const created = await admin.post(`/organizations/${organizationId}/webhooks`, { url, eventTypes: [APPROVED, 'catalog.subscription-quantity-changed.v1'], description: `${name} ERP` });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    return { organizationId, admin, productId: product.body.id, reseller, url, endpointId: created.body.endpointId, secret: created.body.secret };
  };
  /** An order approved at once; answers its transaction id (the receipt's subscription id in `subscriptionOf`). */
  const subscriptionOf = new Map<string, string>();
  const order = async (c: Customer, quantity: number): Promise<string> => {
    const placed = await c.admin.post(`/organizations/${c.organizationId}/orders`, { productId: c.productId, quantity });
    expect(placed.body.status).toBe('approved');
    subscriptionOf.set(placed.body.transactionId as string, placed.body.subscriptionId as string);
    return placed.body.transactionId as string;
  };

  beforeAll(async () => {
    platform = new PlatformProcess({
      env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8', WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_RETRY_MAX_MS: '1000' },
    });
    await platform.start();
    nats = await connect({ servers: platform.natsUrl });
    anonymous = new ApiClient(platform.baseUrl);
    contoso = await customer('contoso', receivers.contoso);
    fabrikam = await customer('fabrikam', receivers.fabrikam);
  });

  afterEach(() => {
    for (const receiver of Object.values(receivers)) receiver.status = 200;
  });

  afterAll(async () => {
    await nats?.close();
    await platform?.stop();
    for (const receiver of Object.values(receivers)) await receiver.stop();
  });

  it('delivers each subscribed event once, signed so that the Standard Webhooks library verifies it, and never the secret again', async () => {
    const transactionId = await order(contoso, 3);
    const [delivery] = await eventually(async () => {
      const found = receivers.contoso.of(APPROVED).filter((r) => r.payload.data.transactionId === transactionId);
      return found.length > 0 ? found : undefined;
    }, 20_000, 'the approval delivered');
    expect(verify(contoso.secret, delivery!)).toMatchObject({ type: APPROVED, data: expect.objectContaining({ transactionId, quantity: 3 }) });
    expect(delivery!.headers['webhook-id']).toBe(delivery!.payload.id);
    expect(delivery!.payload.tenant).toEqual({ resellerId: expect.any(String), organizationId: contoso.organizationId });
    expect(() => verify(`whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`, delivery!)).toThrow();
    // Only the subscribed types: the order's request is not one of them.
    expect(receivers.contoso.received.every((r) => [APPROVED, 'catalog.subscription-quantity-changed.v1'].includes(r.payload.type))).toBe(true);
    const shown = await contoso.admin.get(`/organizations/${contoso.organizationId}/webhooks/${contoso.endpointId}`);
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(contoso.secret);
    expect(shown.body).toMatchObject({ status: 'active', url: contoso.url, consecutiveFailures: 0 });
  });

  it('keeps the deliveries of a receiver that is down, and delivers them all, in order, when it is back', async () => {
    receivers.contoso.status = 503;
    const transactionId = await order(contoso, 1);
    const subscriptionId = subscriptionOf.get(transactionId)!;
    const changes: string[] = [];
    for (const quantity of [2, 3, 4]) {
      const changed = await eventually(async () => {
        const answer = await contoso.admin.post(`/organizations/${contoso.organizationId}/subscriptions/${subscriptionId}/changes`, { quantity });
        return answer.status === 201 ? answer : undefined;
      }, 20_000, `the change to ${quantity}`);
      changes.push(changed.body.transactionId as string);
    }
    // Down for a while: attempts fail and nothing is recorded as received.
    await eventually(async () => {
      const log = await contoso.admin.get(`/organizations/${contoso.organizationId}/webhooks/${contoso.endpointId}/deliveries?limit=50`);
      return (log.body.items as { status: string; lastResponseCode: number | null; attempts: number }[]).some((d) => d.status === 'pending' && d.lastResponseCode === 503 && d.attempts >= 2) ? true : undefined;
    }, 20_000, 'failed attempts in the delivery log');
    expect(receivers.contoso.received.filter((r) => [transactionId, ...changes].includes(String(r.payload.data.transactionId)))).toEqual([]);

    receivers.contoso.status = 200;
    const arrived = await eventually(async () => {
      const found = receivers.contoso.of(APPROVED).filter((r) => [transactionId, ...changes].includes(String(r.payload.data.transactionId)));
      return found.length === 4 ? found : undefined;
    }, 30_000, 'every delivery after the receiver came back');
    // In order for the subscription: the order's approval, then each change as it was made.
    expect(arrived.map((r) => r.payload.data.transactionId)).toEqual([transactionId, ...changes]);
    expect(arrived.map((r) => r.payload.data.quantity)).toEqual([1, 2, 3, 4]);
  });

  it('delivers an integration event published twice once', async () => {
    const first = receivers.contoso.of(APPROVED)[0]!;
    const { id, type, timestamp, data, tenant } = first.payload;
    const envelope = { id, type, occurredAt: new Date(timestamp).toISOString(), correlationId: id, causationId: id, resellerId: tenant.resellerId, organizationId: tenant.organizationId, data };
    await nats.jetstream().publish(platform.names.eventSubject(type), encodeEnvelope(envelope), { msgID: `${id}-published-again` });
    const marker = await order(contoso, 7);
    await eventually(async () => (receivers.contoso.of(APPROVED).some((r) => r.payload.data.transactionId === marker) ? true : undefined), 20_000, 'a later delivery');
    expect(receivers.contoso.received.filter((r) => r.payload.id === id)).toHaveLength(1);
  });

  it("never delivers a tenant's events to another tenant's endpoint", async () => {
    const transactionId = await order(fabrikam, 2);
    await eventually(async () => (receivers.fabrikam.of(APPROVED).some((r) => r.payload.data.transactionId === transactionId) ? true : undefined), 20_000, "fabrikam's delivery");
    expect(receivers.fabrikam.received.every((r) => r.payload.tenant.organizationId === fabrikam.organizationId)).toBe(true);
    expect(receivers.contoso.received.every((r) => r.payload.tenant.organizationId === contoso.organizationId)).toBe(true);
    // Nor may it see or change another tenant's endpoints.
    expect((await fabrikam.admin.get(`/organizations/${contoso.organizationId}/webhooks`)).status).toBe(404);
    expect((await fabrikam.reseller.get(`/organizations/${contoso.organizationId}/webhooks/${contoso.endpointId}`)).status).toBe(404);
  });

  it('rotates the secret (the next deliveries verify with the new one only), logs deliveries, and redelivers one on request', async () => {
    const rotated = await contoso.admin.post(`/organizations/${contoso.organizationId}/webhooks/${contoso.endpointId}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(contoso.secret);
    const transactionId = await order(contoso, 5);
    const [delivery] = await eventually(async () => {
      const found = receivers.contoso.of(APPROVED).filter((r) => r.payload.data.transactionId === transactionId);
      return found.length > 0 ? found : undefined;
    }, 20_000, 'a delivery after the rotation');
    expect(verify(rotated.body.secret, delivery!)).toBeTruthy();
    expect(() => verify(contoso.secret, delivery!)).toThrow();

    const log = await contoso.admin.get(`/organizations/${contoso.organizationId}/webhooks/${contoso.endpointId}/deliveries?limit=100`);
    const logged = (log.body.items as { deliveryId: string; eventId: string; status: string; lastResponseCode: number }[]).find((d) => d.eventId === delivery!.payload.id)!;
    expect(logged).toMatchObject({ status: 'delivered', lastResponseCode: 200 });
    const again = await contoso.admin.post(`/organizations/${contoso.organizationId}/webhooks/${contoso.endpointId}/deliveries/${logged.deliveryId}/redeliver`);
    expect(again.status).toBe(200);
    await eventually(async () => (receivers.contoso.received.filter((r) => r.payload.id === delivery!.payload.id).length === 2 ? true : undefined), 20_000, 'the redelivery');
  });

  it('refuses endpoints on private, link-local and unspecified addresses, and bad event types, naming the field', async () => {
    const path = `/organizations/${contoso.organizationId}/webhooks`;
    for (const url of ['http://10.1.2.3/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:8080/hook', 'http://0.0.0.0/hook', 'ftp://127.0.0.1/hook']) {
      const refused = await contoso.admin.post(path, { url, eventTypes: [APPROVED] });
      expect([url, refused.status, (refused.body.errors as { field: string }[] | undefined)?.map((e) => e.field)]).toEqual([url, 400, ['url']]);
    }
    const unknown = await contoso.admin.post(path, { url: contoso.url, eventTypes: ['approvals.nothing.v9'] });
    expect(unknown.status).toBe(400);
    const viewer = await contoso.admin.get(path);
    expect(viewer.body.items).toHaveLength(1);
  });
});

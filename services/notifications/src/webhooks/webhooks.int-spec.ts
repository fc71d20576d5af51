import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { CatalogEvents, OrganizationsEvents, type ActorDto, type IntegrationEventEnvelope, type SubscriptionActivatedV1 } from '@broker/contracts';
import { InvalidInputError } from '@broker/event-sourcing';
import { encodeEnvelope, IntegrationEventConsumer } from '@broker/messaging';
import { capturingLogger, createTestDeployment, integrationEnvelope, waitUntil, type TestDeployment } from '@broker/messaging/testing';
import { PostgresDocumentStore, PostgresLeaseLock, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { lookWhileLeader, mergeConsumers, type ServiceRuntime } from '@broker/runtime';
import { ACTIVITY_LOG } from '../activity-log/activity-entry';
import { NotificationConsumers } from '../consumers';
import { DIRECTORY_COLLECTIONS } from '../directory/directory';
import type { NotificationsConfig } from '../notifications.config';
import { NOTIFICATIONS, type NotificationDocument } from '../outbox/notification';
import type { NotificationContext, NotificationLogger } from '../outbox/notification-settings';
import { WebhookEndpointsController } from './webhook-endpoints/webhook-endpoints.controller';
import { WebhookSender } from './send-deliveries/webhook-sender';
import { parseNetworks, resolveWithDns, type HostResolver } from './url-policy/url-policy';
import { WEBHOOK_DELIVERIES } from './webhook-delivery';
import { WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS } from './webhook-endpoint';

jest.setTimeout(60_000);

/**
 * Outgoing webhooks as the service runs them: its consumers on real JetStream make the deliveries in PostgreSQL, the
 * sender (on a lease) POSTs them to a real HTTP receiver on 127.0.0.1 (allowed here by WEBHOOK_ALLOWED_NETWORKS and
 * WEBHOOK_ALLOW_HTTP), signed so that the standardwebhooks library verifies them.
 */
const silent: NotificationLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

describe('outgoing webhooks (JetStream + PostgreSQL + HTTP)', () => {
  let deployment: TestDeployment;
  let connection: PostgresConnection;
  let drop: () => Promise<void>;
  let store: PostgresDocumentStore;
  let lock: PostgresLeaseLock;
  let server: Server;
  let receiverUrl: string;
  let endpoints: WebhookEndpointsController;
  const stopSending = new AbortController();
  let sending: Promise<void>;
  const consumers = new Map<string, IntegrationEventConsumer>();
  const received: Received[] = [];
  /** What the receiver answers to the next request. */
  let answer: (path: string) => number = () => 200;
  const context: NotificationContext = {
    settings: { from: { name: 'Broker', address: 'no-reply@broker.example' }, messageIdDomain: 'broker.example', publicUrl: 'https://portal.example', maxEventAgeMs: 72 * 3_600_000 },
    logger: silent,
    now: () => new Date(),
  };
  /** Names under webhooks.test resolve to 127.0.0.1 here alone: a connection that looked the name up again would fail. */
  const resolve: HostResolver = async (host) => (host.endsWith('.webhooks.test') ? [{ address: '127.0.0.1', family: 4 }] : resolveWithDns(host));
  const config = { WEBHOOK_ALLOW_HTTP: true, WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8' } as NotificationsConfig;

  const resellerId = randomUUID();
  const organizationId = randomUUID();
  const admin: ActorDto = { userId: randomUUID(), role: 'org_admin', resellerId, organizationId };
  const publish = (envelope: IntegrationEventEnvelope<unknown>, msgID = envelope.id) =>
    deployment.nats.jetstream().publish(deployment.names.eventSubject(envelope.type), encodeEnvelope(envelope), { msgID });
  const activated = (tenant: { resellerId: string; organizationId: string }, data: Partial<SubscriptionActivatedV1> = {}) =>
    integrationEnvelope(
      CatalogEvents.subscriptionActivated,
      {
        subscriptionId: randomUUID(),
        ...tenant,
        productId: randomUUID(),
        productName: 'Backup Pro',
        billingFrequency: 'monthly',
        unitPrice: '21.00',
        unitCost: '15.00',
        currency: 'EUR',
        quantity: 5,
        effectiveAt: new Date().toISOString(),
        transactionId: randomUUID(),
        ...data,
      },
      tenant,
    );
  const receivedIds = () => received.map((r) => String(r.headers['webhook-id']));
  const ownEndpoint = (path: string) =>
    endpoints.create({ actor: admin, scope: 'organization', tenantId: organizationId, url: `${receiverUrl}${path}`, eventTypes: [CatalogEvents.subscriptionActivated.type] });

  beforeAll(async () => {
    deployment = await createTestDeployment();
    ({ connection, drop } = await createTestConnection('webhooks'));
    store = new PostgresDocumentStore(connection);
    await store.init();
    for (const collection of [...DIRECTORY_COLLECTIONS, NOTIFICATIONS, ACTIVITY_LOG, WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS, WEBHOOK_DELIVERIES]) await store.ensureCollection(collection);
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '';
        const status = answer(path);
        received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const definition of mergeConsumers(new NotificationConsumers(context).consumers())) {
      const consumer = new IntegrationEventConsumer({
        names: deployment.names,
        service: 'notifications',
        consumer: definition.name,
        filterSubject: deployment.names.eventSubjectsOf(definition.from),
        documentStore: store,
        handlers: definition.handlers,
        nats: deployment.nats,
        backoffMs: 100,
        logger: capturingLogger(),
      });
      await consumer.start();
      consumers.set(definition.name, consumer);
    }
    endpoints = new WebhookEndpointsController(store, config);
    endpoints.resolve = resolve;
    lock = new PostgresLeaseLock(connection);
    const sender = new WebhookSender({
      store,
      context,
      policy: { allowHttp: true, allowedNetworks: parseNetworks('127.0.0.0/8') },
      retry: { baseMs: 100, maxMs: 400, retryForMs: 3_000, disableAfterFailures: 2 },
      timeoutMs: 2_000,
      resolve,
    });
    sending = lookWhileLeader({
      runtime: { leaderLock: lock } as unknown as ServiceRuntime,
      logger: pino({ level: 'silent' }),
      name: 'notifications:webhook-sender',
      what: 'webhook sender',
      intervalMs: 50,
      stop: stopSending.signal,
      look: (signal) => sender.look(signal),
    });
  });

  afterAll(async () => {
    stopSending.abort();
    await sending;
    await lock?.close();
    for (const consumer of consumers.values()) await consumer.stop();
    await new Promise((resolve) => server?.close(resolve));
    await store?.close();
    await drop?.();
    await deployment?.cleanup();
  });

  // A test that fails midway leaves no endpoint behind to receive the next test's events.
  afterEach(async () => {
    const left = await endpoints.list({ actor: admin, scope: 'organization', tenantId: organizationId, limit: 500 });
    for (const endpoint of left.items) await endpoints.delete({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
  });

  beforeEach(() => {
    received.length = 0;
    answer = () => 200;
  });

  it('delivers an event once, signed so that the standardwebhooks library verifies it, even when JetStream holds it twice', async () => {
    const endpoint = await ownEndpoint('/once');
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(JSON.stringify(await endpoints.get({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId }))).not.toContain(endpoint.secret);
    const event = activated({ resellerId, organizationId });
    await publish(event);
    await publish(event, `${event.id}-again`);

    await waitUntil(() => receivedIds().includes(event.id), 'the event to be delivered');
    await waitUntil(() => consumers.get('webhooks_catalog')!.stats().duplicates >= 1, 'the second copy to be seen as a duplicate');
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(receivedIds().filter((id) => id === event.id)).toHaveLength(1);
    const [request] = received.filter((r) => r.headers['webhook-id'] === event.id);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['user-agent']).toMatch(/webhooks/i);
    const verified = new Webhook(endpoint.secret).verify(request!.body, {
      'webhook-id': String(request!.headers['webhook-id']),
      'webhook-timestamp': String(request!.headers['webhook-timestamp']),
      'webhook-signature': String(request!.headers['webhook-signature']),
    });
    expect(verified).toEqual({ type: 'catalog.subscription-activated.v1', timestamp: event.occurredAt, data: event.data, id: event.id, tenant: { resellerId, organizationId } });

    const deliveries = await endpoints.listDeliveries({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
    expect(deliveries.items).toEqual([expect.objectContaining({ eventId: event.id, eventType: event.type, status: 'delivered', attempts: 1, lastResponseCode: 200, lastError: null, nextAttemptAt: null })]);
    await endpoints.delete({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
  });

  it("delivers nothing of another tenant's events, nor types the endpoint did not subscribe to", async () => {
    const endpoint = await ownEndpoint('/tenant');
    const otherTenant = activated({ resellerId: randomUUID(), organizationId: randomUUID() });
    const unsubscribed = integrationEnvelope(CatalogEvents.subscriptionCancelled, activated({ resellerId, organizationId }).data, { resellerId, organizationId });
    const own = activated({ resellerId, organizationId });
    // One consumer reads catalog's events in order: once `own` is delivered, the two before it were handled.
    await publish(otherTenant);
    await publish(unsubscribed);
    await publish(own);

    await waitUntil(() => receivedIds().includes(own.id), 'the own event to be delivered');
    expect(receivedIds()).toEqual([own.id]);
    await endpoints.delete({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
  });

  it('retries while the receiver answers 503, then delivers every event after, in the order they happened', async () => {
    const endpoint = await ownEndpoint('/ordered');
    let refusals = 4;
    answer = () => (refusals-- > 0 ? 503 : 200);
    const subscriptionId = randomUUID();
    const events = [1, 2, 3].map((quantity) => activated({ resellerId, organizationId }, { subscriptionId, quantity }));
    for (const event of events) await publish(event);

    await waitUntil(() => events.every((event) => received.some((r) => r.headers['webhook-id'] === event.id && r.answered === 200)), 'every event to be delivered');
    const ids = receivedIds();
    // The first event is tried until it goes through; the later ones never go before it, and go in order.
    expect(ids).toEqual([events[0]!.id, events[0]!.id, events[0]!.id, events[0]!.id, events[0]!.id, events[1]!.id, events[2]!.id]);
    expect(received.map((r) => r.answered)).toEqual([503, 503, 503, 503, 200, 200, 200]);

    const deliveries = await endpoints.listDeliveries({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
    // Newest first.
    expect(deliveries.items.map((d) => [d.eventId, d.status, d.attempts, d.lastResponseCode])).toEqual([
      [events[2]!.id, 'delivered', 1, 200],
      [events[1]!.id, 'delivered', 1, 200],
      [events[0]!.id, 'delivered', 5, 200],
    ]);
    await endpoints.delete({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
  });

  it('connects to the address it checked, not to a second lookup of the name', async () => {
    const port = new URL(receiverUrl).port;
    const endpoint = await endpoints.create({
      actor: admin,
      scope: 'organization',
      tenantId: organizationId,
      url: `http://hooks.webhooks.test:${port}/named`,
      eventTypes: [CatalogEvents.subscriptionActivated.type],
    });
    const event = activated({ resellerId, organizationId });
    await publish(event);
    await waitUntil(() => receivedIds().includes(event.id), 'the event to be delivered to the named host');
    // That event's request (a late retry of an earlier test's delivery may come in beside it).
    expect(received.find((r) => r.headers['webhook-id'] === event.id)!.headers.host).toBe(`hooks.webhooks.test:${port}`);
    await endpoints.delete({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
  });

  it('fails a delivery for good after its retry window, disables the endpoint after two such in a row, and e-mails its owner without the secret', async () => {
    await publish(
      integrationEnvelope(
        OrganizationsEvents.organizationCreated,
        { organizationId, resellerId, name: 'Contoso', primaryDomain: 'contoso.example', notificationEmail: 'it@contoso.example', billingStartDate: '2026-01-01', createdBy: 'x', createdAt: new Date().toISOString() },
        { resellerId, organizationId },
      ),
    );
    const endpoint = await ownEndpoint('/down?token=abc');
    answer = (path) => (path.startsWith('/down') ? 500 : 200);
    const events = [activated({ resellerId, organizationId }), activated({ resellerId, organizationId })];
    for (const event of events) await publish(event);
    const view = () => endpoints.get({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });

    await waitUntil(async () => (await view()).status === 'disabled', 'the endpoint to be disabled', 20_000);
    expect(await view()).toMatchObject({ status: 'disabled', disabledReason: '2 deliveries in a row failed', consecutiveFailures: 2 });
    const deliveries = await endpoints.listDeliveries({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
    expect(deliveries.items.map((d) => [d.eventId, d.status, d.lastResponseCode, d.lastError])).toEqual([
      [events[1]!.id, 'failed', 500, 'HTTP 500'],
      [events[0]!.id, 'failed', 500, 'HTTP 500'],
    ]);
    const mails = (await store.find<NotificationDocument>(NOTIFICATIONS.name, { limit: 500 })).items.map((d) => d.data).filter((n) => n.kind === 'webhook_disabled');
    expect(mails.map((m) => m.mail.to.address)).toEqual(['it@contoso.example']);
    expect(mails[0]!.mail.subject).toBe(`Webhook disabled: ${receiverUrl}/down`);
    expect(JSON.stringify(mails[0]!.mail)).not.toContain(endpoint.secret);
    expect(JSON.stringify(mails[0]!.mail)).not.toContain('token=abc');

    // A later event makes no delivery; enabled again and redelivered, a failed one goes out.
    answer = () => 200;
    const later = activated({ resellerId, organizationId });
    const catalog = consumers.get('webhooks_catalog')!;
    const handled = catalog.stats().applied;
    await publish(later);
    await waitUntil(() => catalog.stats().applied > handled, 'the later event to be handled while the endpoint is disabled');
    await endpoints.update({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId, enabled: true });
    const redelivered = await endpoints.redeliver({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId, deliveryId: deliveries.items[1]!.deliveryId });
    expect(redelivered.status).toBe('pending');
    await waitUntil(() => received.some((r) => r.headers['webhook-id'] === events[0]!.id && r.answered === 200), 'the redelivery to arrive');
    expect(receivedIds()).not.toContain(later.id);
    await endpoints.delete({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
  });

  it('refuses a URL whose host is a private, loopback or link-local address outside the allowed networks, naming url', async () => {
    for (const url of ['http://10.0.0.1/hook', 'http://[::1]/hook', 'http://169.254.169.254/latest/meta-data', 'http://192.168.1.20:8080/']) {
      const refused = await endpoints
        .create({ actor: admin, scope: 'organization', tenantId: organizationId, url, eventTypes: [CatalogEvents.subscriptionActivated.type] })
        .then(() => null, (error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidInputError);
      expect((refused as InvalidInputError).errors).toEqual([{ field: 'url', message: expect.stringContaining('not a public address') }]);
    }
  });

  it("answers not found for another organization's endpoint, and refuses roles that may not manage webhooks", async () => {
    const endpoint = await ownEndpoint('/access');
    const otherAdmin: ActorDto = { ...admin, userId: randomUUID(), organizationId: randomUUID() };
    await expect(endpoints.get({ actor: otherAdmin, scope: 'organization', tenantId: otherAdmin.organizationId!, endpointId: endpoint.endpointId })).rejects.toMatchObject({ code: 'WEBHOOKS.NOT_FOUND' });
    await expect(endpoints.get({ actor: otherAdmin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId })).rejects.toMatchObject({ code: 'WEBHOOKS.NOT_FOUND' });
    await expect(endpoints.list({ actor: { ...admin, role: 'org_viewer' }, scope: 'organization', tenantId: organizationId })).rejects.toMatchObject({ code: 'WEBHOOKS.FORBIDDEN' });
    const listed = await endpoints.list({ actor: admin, scope: 'organization', tenantId: organizationId });
    expect(listed.items.map((e) => e.endpointId)).toEqual([endpoint.endpointId]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    await endpoints.delete({ actor: admin, scope: 'organization', tenantId: organizationId, endpointId: endpoint.endpointId });
  });
});

import { ApiClient, eventually } from './support/http-client';
import { createOrganizationUser, PASSWORD, registerReseller, tag } from './support/fixtures';
import { OtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { PlatformProcess } from './support/platform-process';
import { SmtpReceiver } from './support/smtp-receiver';

jest.setTimeout(300_000);

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/** A client's own trace context: the gateway must not continue it. */
const FOREIGN_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const FOREIGN_TRACEPARENT = `00-${FOREIGN_TRACE_ID}-b7ad6b7169203331-01`;

/**
 * OpenTelemetry across the platform, every service its own process exporting by OTLP to a receiver in this test: one
 * request through the HTTP API is one trace, carried over NATS request-reply, into the events it appends, through
 * JetStream to the consumers of other services and on to the e-mail they send.
 */
describe('traces (end to end, with an OTLP receiver)', () => {
  const receiver = new OtlpReceiver();
  const smtp = new SmtpReceiver();
  let platform: PlatformProcess;
  let reseller: ApiClient;
  let requester: ApiClient;
  let organizationId: string;
  let productId: string;

  /** The trace whose root is the gateway's span of `route` (a template such as /api/v1/approvals/:id/approve). */
  const traceOfRequest = (method: string, route: RegExp, after: number): string | undefined =>
    receiver.spans.find((s, i) => i >= after && s.service === 'gateway' && s.kind === SERVER && s.name.startsWith(`${method} `) && route.test(String(s.attributes['http.route'])))?.traceId;

  /** Waits until the trace holds what `complete` asks and every span's parent is in it: one tree, one root. */
  const wholeTrace = (traceId: () => string | undefined, complete: (spans: ReceivedSpan[]) => boolean, what: string) =>
    eventually(
      () => {
        const id = traceId();
        if (!id) return Promise.resolve(undefined);
        const spans = receiver.trace(id);
        const ids = new Set(spans.map((s) => s.spanId));
        const connected = spans.every((s) => s.parentSpanId === '' || ids.has(s.parentSpanId));
        return Promise.resolve(connected && complete(spans) ? spans : undefined);
      },
      30_000,
      what,
    );

  const services = (spans: ReceivedSpan[]) => new Set(spans.map((s) => s.service));
  const has = (spans: ReceivedSpan[], service: string, kind: number, name: RegExp) => spans.some((s) => s.service === service && s.kind === kind && name.test(s.name));

  beforeAll(async () => {
    await receiver.start();
    await smtp.start();
    platform = new PlatformProcess({
      smtp: { url: smtp.url },
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100', NOTIFY_POLL_MS: '100' },
    });
    await platform.start();
    const anonymous = new ApiClient(platform.baseUrl);
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    const { username } = await registerReseller(platformAdmin, 'traced');
    reseller = await anonymous.login(username, PASSWORD);
    const t = tag();
    const product = await reseller.post('/catalog/products', {
      name: `Traced seats ${t}`,
      vendor: 'Contoso Software',
      sku: `SKU-${t}`,
      description: 'A product for the tracing test',
      billingFrequency: 'monthly',
      price: '10.50',
      cost: '1.00',
    });
    expect(product.status).toBe(201);
    productId = product.body.id;
    const domain = `traced${t}.example`;
    const organization = await reseller.post('/organizations', { name: 'Traced Org', primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(organization.status).toBe(201);
    organizationId = organization.body.id;
    expect((await reseller.request('PUT', `/organizations/${organizationId}/store`, { products: [{ productId }] })).status).toBe(200);
    const settings = await reseller.get(`/organizations/${organizationId}/settings`);
    expect((await reseller.request('PUT', `/organizations/${organizationId}/settings`, { ...settings.body, approvalRequired: true })).status).toBe(200);
    requester = (await createOrganizationUser(reseller, anonymous, organizationId, domain, 'org_admin')).client;
  });

  afterAll(async () => {
    await platform?.stop();
    await smtp.stop();
    await receiver.stop();
  });

  it('shows an order and its approval each as one trace: gateway, approvals, the catalog consumer, billing and the e-mail', async () => {
    const before = receiver.spans.length;
    const placed = await requester.post(`/organizations/${organizationId}/orders`, { productId, quantity: 2 }, { traceparent: FOREIGN_TRACEPARENT });
    expect([placed.status, placed.body.status]).toEqual([201, 'pending_approval']);

    // The order: the gateway's request, approvals' handling of it over NATS, and the approvers' e-mail it causes.
    const order = await wholeTrace(
      () => traceOfRequest('POST', /\/organizations\/:[^/]+\/orders$/, before),
      (spans) => has(spans, 'notifications', CLIENT, /^smtp send$/),
      'the order as one trace up to the approvers e-mail',
    );
    const orderRoot = order.filter((s) => s.parentSpanId === '');
    expect(orderRoot).toEqual([expect.objectContaining({ service: 'gateway', kind: SERVER })]);
    expect(order[0]!.traceId).not.toBe(FOREIGN_TRACE_ID);
    expect(has(order, 'gateway', CLIENT, /^identity\.auth\.verify-token$/)).toBe(true);
    expect(has(order, 'gateway', CLIENT, /^approvals\.transaction\.order$/)).toBe(true);
    expect(has(order, 'approvals', SERVER, /^approvals\.transaction\.order$/)).toBe(true);
    expect(has(order, 'catalog', SERVER, /^catalog\.quote$/)).toBe(true);
    expect(has(order, 'approvals', PRODUCER, /^publish /)).toBe(true);
    expect(has(order, 'notifications', CONSUMER, /process /)).toBe(true);

    // The decision: through approvals, to the catalog's consumer (the subscription), billing's, and the requester's e-mail.
    const beforeDecision = receiver.spans.length;
    const approved = await reseller.post(`/approvals/${placed.body.transactionId}/approve`, { comment: 'Traced' });
    expect(approved.status).toBe(200);
    const decision = await wholeTrace(
      () => traceOfRequest('POST', /\/approvals\/:[^/]+\/approve$/, beforeDecision),
      (spans) => ['catalog', 'billing'].every((service) => has(spans, service, CONSUMER, /process /)) && has(spans, 'notifications', CLIENT, /^smtp send$/),
      'the approval as one trace through catalog, billing and the e-mail',
    );
    // Identity answers the token check only when the gateway's cache of the reseller's token has run out.
    expect([...services(decision)].filter((service) => service !== 'identity').sort()).toEqual(['approvals', 'billing', 'catalog', 'gateway', 'notifications']);
    expect(decision.filter((s) => s.parentSpanId === '')).toEqual([expect.objectContaining({ service: 'gateway', kind: SERVER })]);
    expect(has(decision, 'approvals', SERVER, /^approvals\./)).toBe(true);
    expect(decision.some((s) => s.service === 'approvals' && s.name === 'event-store append')).toBe(true);
    expect(decision.some((s) => s.service === 'catalog' && s.name === 'event-store append')).toBe(true);
    expect(smtp.messages.length).toBeGreaterThanOrEqual(2);
    expect(receiver.refused).toEqual([]);
  });
});

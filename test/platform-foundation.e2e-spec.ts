import { connect, JSONCodec, type NatsConnection } from 'nats';
import { Client } from 'pg';
import { ApiClient, eventually } from './support/http-client';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(180_000);

/**
 * The backbone end to end: every service as its own process, one real command through the gateway, its event in
 * the organizations store, published to JetStream, applied by a consumer in the identity service, and one
 * correlation id through all three services' logs.
 */
describe('platform foundation (end to end)', () => {
  const platform = new PlatformProcess();
  let api: ApiClient;
  let db: Client;
  let nats: NatsConnection;

  beforeAll(async () => {
    await platform.start();
    api = new ApiClient(platform.baseUrl);
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  });

  afterAll(async () => {
    await nats?.close();
    await db?.end();
    await platform.stop();
  });

  const newReseller = (suffix: string) => ({
    name: `Northwind ${suffix}`,
    currency: 'EUR',
    notificationEmail: `approvals@${suffix}.example`,
    supportEmail: `support@${suffix}.example`,
    admin: { firstName: 'Anna', lastName: 'Berg', username: `anna@${suffix}.example`, email: `anna@${suffix}.example`, password: 'Xq9!wertzu' },
  });

  it('answers /health with every backing service up', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    for (const service of ['identity', 'organizations', 'catalog', 'approvals', 'billing', 'notifications']) {
      expect(health.body.services[service]).toMatchObject({ status: 'up', checks: { postgres: { status: 'up' }, nats: { status: 'up' } } });
    }
  });

  it('names on /health each service\'s one replica, and the leases it leads: its outbox, projections, e-mail sender and activity retention', async () => {
    type Replica = { instance: string; status: string; startedAt: string; leads: { projections: string[]; outbox: boolean; leases: string[] } };
    type Service = { instance: string; replicas: Replica[]; leaders: Record<string, string> };
    // Each replica takes its leases within a moment of starting.
    const services = await eventually(async () => {
      const body = (await api.get('/health')).body as { services: Record<string, Service> };
      const { catalog, billing, notifications } = body.services;
      const leading = catalog?.leaders['outbox:catalog'] && Object.keys(catalog.leaders).some((l) => l.startsWith('projection:')) && billing?.replicas[0]?.leads.projections.length && notifications?.leaders['notifications:sender'];
      return leading ? body.services : undefined;
    }, 15_000, 'every service leading its leases');
    for (const service of ['identity', 'organizations', 'catalog', 'approvals', 'billing', 'notifications']) {
      const { instance, replicas, leaders } = services[service]!;
      expect(replicas).toEqual([{ instance, status: 'up', checks: expect.objectContaining({ postgres: { status: 'up' } }), startedAt: expect.any(String), leads: expect.any(Object) }]);
      expect(instance).toMatch(/^.+-\d+-[0-9a-f]{6}$/);
      expect(Object.keys(leaders).sort()).toEqual(replicas[0]!.leads.leases);
      expect(new Set(Object.values(leaders))).toEqual(new Set(replicas[0]!.leads.leases.length > 0 ? [instance] : []));
    }
    expect(services.catalog!.replicas[0]!.leads).toMatchObject({ outbox: true, leases: expect.arrayContaining(['outbox:catalog']) });
    expect(services.catalog!.replicas[0]!.leads.projections.every((p) => p.startsWith('projection:'))).toBe(true);
    expect(services.notifications!.replicas[0]!.leads).toMatchObject({ outbox: false, projections: [], leases: expect.arrayContaining(['notifications:sender', 'notifications:activity-retention']) });
  });

  it('logs in the bootstrap admin, and answers wrong passwords and unknown users with the same 401', async () => {
    const ok = await api.post('/auth/login', { username: platform.adminUsername, password: platform.adminPassword });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ expiresIn: expect.any(Number), user: { username: platform.adminUsername, role: 'platform_admin', resellerId: null } });

    const me = await api.as(ok.body.accessToken).get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: platform.adminUsername, role: 'platform_admin', status: 'active' });

    const wrong = await api.post('/auth/login', { username: platform.adminUsername, password: 'Wrong-Passw0rd!' });
    const unknown = await api.post('/auth/login', { username: 'nobody@nowhere.example', password: 'Wrong-Passw0rd!' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');

    const refreshed = await api.post('/auth/refresh', { refreshToken: ok.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await api.post('/auth/refresh', { refreshToken: ok.body.accessToken })).status).toBe(401);
  });

  it('refuses requests without a valid token (401), with an unknown field (400), and from the wrong role (403)', async () => {
    expect((await api.get('/resellers')).status).toBe(401);
    expect((await api.as('not.a.token').get('/resellers')).status).toBe(401);

    const admin = await api.login(platform.adminUsername, platform.adminPassword);
    const bad = await admin.post('/resellers', { ...newReseller('bad'), surprise: true });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'surprise' })]));

    const created = await admin.post('/resellers', newReseller('rolecheck'));
    expect(created.status).toBe(201);
    const resellerAdmin = await api.login('anna@rolecheck.example', 'Xq9!wertzu');
    expect((await resellerAdmin.post('/resellers', newReseller('other'))).status).toBe(403);
    expect((await resellerAdmin.get(`/resellers/${created.body.id}`)).status).toBe(200);
  });

  it('drives one command through the gateway, the event store, JetStream and a consumer in another service, under one correlation id', async () => {
    const admin = await api.login(platform.adminUsername, platform.adminPassword);
    const correlationId = `e2e-${Date.now()}-${Math.random().toString(16).slice(2)}`;

    const created = await admin.post('/resellers', newReseller('slice'), { 'x-correlation-id': correlationId });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBe(correlationId);
    const resellerId: string = created.body.id;
    expect(created.body).toMatchObject({ name: 'Northwind slice', currency: 'EUR', admin: { username: 'anna@slice.example' } });

    // A GET right after the write sees it.
    const read = await admin.get(`/resellers/${resellerId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: resellerId, supportEmail: 'support@slice.example' });

    // 1. The event is in the organizations service's own store, with the correlation id in its metadata.
    const stored = await db.query(
      `SELECT event_id, type, metadata FROM "${platform.names.schema('organizations')}".es_events WHERE stream_id = $1`,
      [`reseller-${resellerId}`],
    );
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]).toMatchObject({ type: 'ResellerCreated', metadata: expect.objectContaining({ correlationId, resellerId }) });
    const eventId: string = stored.rows[0].event_id;

    // 2. It was published to JetStream as an integration event whose message id is the event id.
    const jsm = await nats.jetstreamManager();
    // The last message of the subject may still be the previous test's reseller until the outbox publishes this one.
    const message = await eventually(
      async () => {
        const last = await jsm.streams.getMessage(platform.names.eventStream, { last_by_subj: platform.names.eventSubject('organizations.reseller-created.v1') }).catch(() => undefined);
        return last?.header.get('Nats-Msg-Id') === eventId ? last : undefined;
      },
      15_000,
      'the integration event on JetStream',
    );
    expect(message.header.get('Nats-Msg-Id')).toBe(eventId);
    const envelope = JSONCodec<any>().decode(message.data);
    expect(envelope).toMatchObject({ id: eventId, type: 'organizations.reseller-created.v1', correlationId, resellerId, data: { resellerId, currency: 'EUR' } });

    // 3. A consumer in the identity service applied it to identity's own store.
    const applied = await eventually(async () => {
      const rows = await db.query(`SELECT data FROM "${platform.names.schema('identity')}".rm_documents WHERE collection = 'reseller_directory' AND id = $1`, [resellerId]);
      return rows.rows[0]?.data;
    }, 15_000, 'the identity consumer to apply the event');
    expect(applied).toMatchObject({ resellerId, name: 'Northwind slice', currency: 'EUR' });

    // 4. The organizations list (a projection) shows it.
    const listed = await eventually(async () => {
      const list = await admin.get('/resellers?limit=500');
      return list.body.items.find((r: { id: string }) => r.id === resellerId);
    }, 15_000, 'the reseller list projection');
    expect(listed).toMatchObject({ name: 'Northwind slice' });

    // 5. One correlation id in the logs of all three services.
    const mentions = (service: 'gateway' | 'organizations' | 'identity') =>
      platform.logs(service).filter((line) => line.includes(correlationId)).map((line) => JSON.parse(line) as { correlationId?: string });
    await eventually(async () => (mentions('identity').length > 0 ? true : undefined), 10_000, 'the identity log line');
    for (const service of ['gateway', 'organizations', 'identity'] as const) {
      expect(mentions(service).length).toBeGreaterThan(0);
      expect(mentions(service).every((line) => line.correlationId === correlationId)).toBe(true);
    }
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`http://127.0.0.1:${platform.port}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/resellers', '/api/v1/health']));
  });

  it('keeps the gateway live and ready while a backing service is down, which /health reports', async () => {
    await platform.kill('billing');
    try {
      const health = await api.get('/health');
      expect(health.status).toBe(503);
      expect(health.body.services.billing).toMatchObject({ status: 'down' });
      expect(await api.get('/health/live')).toMatchObject({ status: 200, body: { status: 'live' } });
      expect(await api.get('/health/ready')).toMatchObject({ status: 200, body: { status: 'ready', nats: { status: 'up' } } });
    } finally {
      platform.startService('billing');
      await platform.waitUntilHealthy(60_000);
    }
  });
});

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { connect, type NatsConnection, type NatsError } from 'nats';
import { AuthRpc, BACKING_SERVICES, rpc as rpcContract, type ServiceName, type VerifiedSessionUser } from '@broker/contracts';
import { natsAuthorizationConfig, natsInboxPrefix, natsUserName, RpcCallError, RpcClient, signActorAssertion } from '@broker/messaging';
import { PrivateNatsServer } from '@broker/messaging/testing';
import { runWithContext } from '@broker/platform';
import { createOrganization, createOrganizationUser, createReseller, PASSWORD, registerReseller, tag } from './support/fixtures';
import { ApiClient, eventually } from './support/http-client';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(180_000);

/**
 * The message bus checks who speaks (docs/adr/0019): every service on a NATS server of the test's own that runs the
 * generated authorization config, each under its own user. A client with no credentials cannot connect; one with
 * another service's credentials can neither call nor listen on what that user does not own; and a request whose
 * body names an actor without identity's assertion of exactly that actor is refused by the service itself, even
 * from a connection allowed to send it.
 */
describe('bus authorization (end to end)', () => {
  const deployment = `e2e_${randomBytes(4).toString('hex')}`;
  const services: ServiceName[] = ['gateway', ...BACKING_SERVICES];
  const users = Object.fromEntries(services.map((service) => [service, { user: natsUserName(deployment, service), password: randomBytes(18).toString('base64url') }])) as Record<
    ServiceName,
    { user: string; password: string }
  >;
  const rpc = (pattern: string): string => `${deployment}.rpc.${pattern}`;
  let nats: PrivateNatsServer;
  let platform: PlatformProcess;
  let anonymous: ApiClient;
  let platformAdmin: ApiClient;
  const connections: NatsConnection[] = [];
  const clients: RpcClient[] = [];

  const connectAs = async (service: ServiceName): Promise<NatsConnection> => {
    const nc = await connect({ servers: nats.url, user: users[service].user, pass: users[service].password, inboxPrefix: natsInboxPrefix(deployment, service), name: `test-as-${service}` });
    connections.push(nc);
    return nc;
  };

  /** An RPC client on the gateway's credentials: allowed to send any request, so only the service can refuse. */
  const gatewayClient = (): RpcClient => {
    const client = new RpcClient({ deployment, servers: nats.url, name: 'test-forger', timeoutMs: 10_000, nats: { user: users.gateway.user, pass: users.gateway.password, inboxPrefix: natsInboxPrefix(deployment, 'gateway') } });
    clients.push(client);
    return client;
  };

  // Forged bodies on purpose: a contract of unknown request, made from the subject.
  const requestWith = <T>(client: RpcClient, pattern: string, body: unknown, actorAssertion?: string): Promise<T> =>
    runWithContext({ correlationId: randomUUID(), ...(actorAssertion ? { actorAssertion } : {}) }, () => client.call(rpcContract<unknown, T>(pattern), body));

  const failureOf = async (promise: Promise<unknown>): Promise<{ code: string; status: number }> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof RpcCallError) return { code: error.code, status: error.status };
      throw error;
    }
    throw new Error('The request was not refused');
  };

  /** The server's answer to a subscription: refused within the time, or null when it stands. */
  const subscriptionRefusal = (nc: NatsConnection, subject: string): Promise<NatsError | null> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 2_000);
      nc.subscribe(subject, {
        callback: (err) => {
          if (!err) return;
          clearTimeout(timer);
          resolve(err);
        },
      });
      void nc.flush();
    });

  const accessToken = async (username: string, password: string): Promise<string> => {
    const response = await anonymous.post<{ accessToken: string }>('/auth/login', { username, password });
    expect(response.status).toBe(200);
    return response.body.accessToken;
  };

  beforeAll(async () => {
    const passwords = Object.fromEntries(services.map((service) => [service, users[service].password])) as Record<ServiceName, string>;
    nats = await PrivateNatsServer.start({ authorizationConfig: natsAuthorizationConfig(deployment, passwords) });
    platform = new PlatformProcess({ deployment, natsUrl: nats.url, natsUsers: users });
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await Promise.all(connections.map((nc) => nc.close().catch(() => undefined)));
    await platform?.stop();
    await nats?.destroy();
  });

  it('serves through the API with every service under its own NATS user, nested calls and events included', async () => {
    const resellerAdmin = await createReseller(platformAdmin, anonymous);
    // catalog asks organizations for the reseller while creating a product: a nested call carrying the assertion.
    const product = await resellerAdmin.post('/catalog/products', {
      name: `Product ${tag()}`, vendor: 'Microsoft', sku: `SKU-${tag()}`, description: 'Office apps', billingFrequency: 'monthly', price: '10.50', cost: '8.00',
    });
    expect(product.status).toBe(201);
    const org = await createOrganization(resellerAdmin);
    expect((await resellerAdmin.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId: product.body.id }] })).status).toBe(200);
    // approvals asks catalog for a quote and organizations for the organization; the catalog applies the approved
    // order from approvals' integration event, billing and identity follow theirs.
    const order = await resellerAdmin.post(`/organizations/${org.id}/orders`, { productId: product.body.id, quantity: 2 });
    expect(order.status).toBe(201);
    expect(order.body).toMatchObject({ status: 'approved', subscriptionId: expect.any(String) });
    const subscriptionId = order.body.subscriptionId as string;
    await eventually(async () => {
      const list = await resellerAdmin.get(`/organizations/${org.id}/subscriptions`);
      return (list.body.items as { id: string }[] | undefined)?.find((subscription) => subscription.id === subscriptionId);
    }, 15_000, 'the ordered subscription');
    // Every other call between services (RPC_CALLS): identity asks organizations for the organization; catalog asks
    // identity for the assigned user; organizations asks identity who uses a domain, and catalog for a subscription.
    const member = await createOrganizationUser(resellerAdmin, anonymous, org.id, org.domain, 'org_admin');
    expect((await resellerAdmin.request('PUT', `/organizations/${org.id}/subscriptions/${subscriptionId}/assignments`, { userIds: [member.id] })).status).toBe(200);
    const extraDomain = `x${tag()}.example`;
    expect((await resellerAdmin.post(`/organizations/${org.id}/domains`, { domain: extraDomain })).status).toBe(201);
    expect((await resellerAdmin.request('DELETE', `/organizations/${org.id}/domains/${extraDomain}`)).status).toBe(204);
    expect((await member.client.post('/support-requests', { subject: 'Licences', message: 'Two more, please', subscriptionId })).status).toBe(201);
    expect((await platformAdmin.get('/resellers')).status).toBe(200);
    // The platform admin's support read is recorded first (ADR 0023); an operator lists parked work (ADR 0022).
    expect((await platformAdmin.get(`/organizations/${org.id}/users`)).status).toBe(200);
    expect((await resellerAdmin.get(`/organizations/${org.id}/support-accesses`)).body.items).toHaveLength(1);
    expect((await platformAdmin.get('/admin/parked-messages?service=catalog')).status).toBe(200);
    expect((await platformAdmin.get('/admin/parked-emails')).status).toBe(200);
    const health = await anonymous.get('/health');
    expect(health.status).toBe(200);
    // Each replica answers the gateway for itself, on a subject of its service's own, outside the queue group.
    for (const service of BACKING_SERVICES) expect(health.body.services[service].replicas).toEqual([expect.objectContaining({ instance: health.body.services[service].instance, status: 'up' })]);
    // The gateway shares its rate-limit counts on a subject of its own (ADR 0020), not only counting locally.
    await eventually(async () => ((await anonymous.get('/health')).body.gateway?.rateLimits?.sharing === 'shared' ? true : undefined), 5_000, 'rate-limit counts shared');
  });

  it('lets identity write access revocations and the gateway follow them (ADR 0035), each with its own permissions', async () => {
    await eventually(async () => ((await anonymous.get('/health')).body.gateway?.tokens?.revocations === 'followed' ? true : undefined), 10_000, 'revocations followed');
    const resellerAdmin = await createReseller(platformAdmin, anonymous);
    const org = await createOrganization(resellerAdmin);
    const member = await createOrganizationUser(resellerAdmin, anonymous, org.id, org.domain, 'org_user');
    expect((await member.client.get('/me')).status).toBe(200);
    expect((await member.client.get('/me')).status).toBe(200);
    expect((await member.client.post('/auth/logout', {})).status).toBe(204);
    expect((await member.client.get('/me')).status).toBe(401);
    expect(platform.logs('identity').some((line) => line.includes('Could not record an access revocation'))).toBe(false);
  });

  it('refuses a client without credentials', async () => {
    await expect(connect({ servers: nats.url, name: 'test-anonymous' })).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    await expect(connect({ servers: nats.url, user: users.catalog.user, pass: 'not-the-password', name: 'test-wrong-password' })).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
  });

  it("refuses another service's credentials to call or listen on what they do not own", async () => {
    const asCatalog = await connectAs('catalog');
    // catalog calls organizations' lookup, never identity's login or verify-token, nor creates resellers.
    for (const pattern of [AuthRpc.login.subject, AuthRpc.verifyToken.subject, 'organizations.reseller.create']) {
      await expect(asCatalog.request(rpc(pattern), new Uint8Array(), { timeout: 5_000 })).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    }
    // Nor may it publish another service's integration events into the stream (a JetStream publish is a request).
    await expect(asCatalog.request(`${deployment}.events.identity.user-registered`, new Uint8Array(), { timeout: 5_000 })).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect(await subscriptionRefusal(asCatalog, rpc('identity.>'))).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect(await subscriptionRefusal(asCatalog, rpc(AuthRpc.login.subject))).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect(await subscriptionRefusal(asCatalog, `${deployment}.events.identity.>`)).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });

    // The gateway may send every request but receive none: it cannot pose as identity to read passwords.
    const asGateway = await connectAs('gateway');
    expect(await subscriptionRefusal(asGateway, rpc(AuthRpc.login.subject))).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect(await subscriptionRefusal(asGateway, `${deployment}.rpc.>`)).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    // Nor may anyone read the replies meant for another (login answers carry tokens, verify-token answers assertions).
    expect(await subscriptionRefusal(asCatalog, '_INBOX.>')).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    expect(await subscriptionRefusal(asCatalog, `${natsInboxPrefix(deployment, 'gateway')}.>`)).toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    // What a user does own stands.
    expect(await subscriptionRefusal(asCatalog, rpc('catalog.test-only'))).toBeNull();
  });

  it('refuses a request whose body names an actor without a valid assertion of exactly that actor', async () => {
    const client = gatewayClient();
    const forgedAdmin = { userId: randomUUID(), role: 'platform_admin', resellerId: null, organizationId: null };
    // No assertion, whichever service: refused before validation or any handler runs.
    for (const pattern of ['organizations.reseller.list', 'catalog.product.list', 'identity.organization-user.list', 'approvals.policy.get', 'billing.summary.get', AuthRpc.me.subject]) {
      expect(await failureOf(requestWith(client, pattern, { actor: forgedAdmin }))).toEqual({ code: 'ACTOR.UNAUTHENTICATED', status: 401 });
    }
    // A made-up assertion, and one signed with a key identity does not hold.
    expect(await failureOf(requestWith(client, 'organizations.reseller.list', { actor: forgedAdmin }, 'eyJhbGciOiJFZERTQSJ9.e30.AAAA'))).toEqual({ code: 'ACTOR.UNAUTHENTICATED', status: 401 });
    const foreign = signActorAssertion(forgedAdmin, generateKeyPairSync('ed25519').privateKey, 60);
    expect(await failureOf(requestWith(client, 'organizations.reseller.list', { actor: forgedAdmin }, foreign))).toEqual({ code: 'ACTOR.UNAUTHENTICATED', status: 401 });

    // A real assertion of a reseller admin does not make its bearer a platform admin, nor another user.
    const reseller = await registerReseller(platformAdmin, 'bus');
    const token = await accessToken(reseller.username, PASSWORD);
    const verified = await requestWith<VerifiedSessionUser>(client, AuthRpc.verifyToken.subject, { accessToken: token });
    expect(verified.actorAssertion).toEqual(expect.any(String));
    const realActor = { userId: verified.id, role: verified.role, resellerId: verified.resellerId, organizationId: verified.organizationId };
    expect(await failureOf(requestWith(client, 'organizations.reseller.list', { actor: { ...realActor, role: 'platform_admin', resellerId: null } }, verified.actorAssertion))).toEqual({
      code: 'ACTOR.FORBIDDEN',
      status: 403,
    });
    expect(await failureOf(requestWith(client, AuthRpc.me.subject, { actor: { ...realActor, userId: randomUUID() } }, verified.actorAssertion))).toEqual({ code: 'ACTOR.FORBIDDEN', status: 403 });

    // With the assertion of exactly its actor, the request runs (and answers as that actor).
    const own = await requestWith<{ id: string }>(client, AuthRpc.me.subject, { actor: realActor }, verified.actorAssertion);
    expect(own.id).toBe(verified.id);
    // Requests without an actor are left to NATS permissions.
    const health = await requestWith<{ status: string }>(client, 'catalog.health', {});
    expect(health.status).toBe('up');
  });
});

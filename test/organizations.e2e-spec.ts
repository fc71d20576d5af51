import { randomUUID } from 'node:crypto';
import { connect, JSONCodec, type NatsConnection } from 'nats';
import { OrganizationLookupRpc, rpc as rpcContract, type ActorDto, type Role } from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';
import { TrustedRpcClient } from './support/trusted-rpc-client';

jest.setTimeout(240_000);

/**
 * Resellers' properties, organizations, domains and settings through the HTTP API, every service its own process:
 * success shapes, validation (400 naming the field), conflicts (409), reads right after writes, the settings
 * composed from two services, and cross-tenant attempts that answer 404 and change nothing.
 */
const today = () => new Date().toISOString().slice(0, 10);

interface Reseller {
  id: string;
  admin: ApiClient;
}

describe('organizations (end to end)', () => {
  const platform = new PlatformProcess();
  let anonymous: ApiClient;
  let platformAdmin: ApiClient;
  let nats: NatsConnection;
  let rpc: RpcClient;
  /** Two resellers: X owns the organizations under test, Y tries to reach them. */
  let x: Reseller;
  let y: Reseller;

  const createReseller = async (name: string): Promise<Reseller> => {
    const { id, username } = await registerReseller(platformAdmin, name);
    return { id, admin: await anonymous.login(username, PASSWORD) };
  };

  const createOrganization = async (reseller: Reseller, domain = `org${tag()}.example`): Promise<ApiResponse> => {
    const response = await reseller.admin.post('/organizations', { name: `Org ${domain}`, primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(response.status).toBe(201);
    return response;
  };

  /** Org-role users are made as any client would: POST /organizations/{orgId}/users, then log in. */
  const createOrgUser = async (reseller: Reseller, orgId: string, role: string, domain: string): Promise<{ id: string; client: ApiClient }> => {
    const username = `${role.replace(/_/g, '')}${tag()}@${domain}`;
    const created = await reseller.admin.post(`/organizations/${orgId}/users`, { username, firstName: 'Quinn', lastName: 'Tester', email: username, role, password: PASSWORD });
    expect([created.status, created.body]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
    return { id: created.body.id, client: await anonymous.login(username, PASSWORD) };
  };

  /** The last integration event of a type on JetStream. */
  const lastEvent = (type: string) =>
    eventually(
      async () => {
        const jsm = await nats.jetstreamManager();
        const message = await jsm.streams.getMessage(platform.names.eventStream, { last_by_subj: platform.names.eventSubject(type) }).catch(() => undefined);
        return message ? (JSONCodec<any>().decode(message.data) as Record<string, any>) : undefined;
      },
      15_000,
      `an integration event ${type}`,
    );

  const fieldsOf = (response: ApiResponse) => (response.body?.errors ?? []).map((e: { field: string }) => e.field);

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    rpc = new TrustedRpcClient({ deployment: platform.deployment, servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', timeoutMs: 10_000 }, platform.actorAssertionKey);
    x = await createReseller('x');
    y = await createReseller('y');
  });

  afterAll(async () => {
    await rpc?.close();
    await nats?.close();
    await platform.stop();
  });

  describe('reseller properties', () => {
    it('answers and sets { notificationEmail, supportEmail }; a GET right after sees the change', async () => {
      const before = await x.admin.get(`/resellers/${x.id}/properties`);
      expect(before.status).toBe(200);
      expect(Object.keys(before.body).sort()).toEqual(['notificationEmail', 'supportEmail']);

      const put = await x.admin.request('PUT', `/resellers/${x.id}/properties`, { notificationEmail: 'new-approvals@x.example', supportEmail: 'new-support@x.example' });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ notificationEmail: 'new-approvals@x.example', supportEmail: 'new-support@x.example' });
      expect((await x.admin.get(`/resellers/${x.id}/properties`)).body).toEqual(put.body);
      expect((await platformAdmin.get(`/resellers/${x.id}/properties`)).body).toEqual(put.body);

      const event = await lastEvent('organizations.reseller-properties-changed.v1');
      expect(event).toMatchObject({ resellerId: x.id, organizationId: null, data: { resellerId: x.id, notificationEmail: 'new-approvals@x.example' } });
    });

    it('lets the platform admin set them, and refuses bad e-mails and unknown fields with 400', async () => {
      const put = await platformAdmin.request('PUT', `/resellers/${x.id}/properties`, { notificationEmail: 'pa@x.example', supportEmail: 'new-support@x.example' });
      expect([put.status, put.body.notificationEmail]).toEqual([200, 'pa@x.example']);

      const bad = await x.admin.request('PUT', `/resellers/${x.id}/properties`, { notificationEmail: 'nope', supportEmail: 'ok@x.example' });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad)).toEqual(['notificationEmail']);
      const extra = await x.admin.request('PUT', `/resellers/${x.id}/properties`, { notificationEmail: 'a@x.example', supportEmail: 'b@x.example', currency: 'USD' });
      expect([extra.status, fieldsOf(extra)]).toEqual([400, ['currency']]);
    });

    it("answers 404 to another reseller's admin and changes nothing", async () => {
      const owned = (await x.admin.get(`/resellers/${x.id}/properties`)).body;
      expect((await y.admin.get(`/resellers/${x.id}/properties`)).status).toBe(404);
      const put = await y.admin.request('PUT', `/resellers/${x.id}/properties`, { notificationEmail: 'evil@y.example', supportEmail: 'evil@y.example' });
      expect(put.status).toBe(404);
      expect((await x.admin.get(`/resellers/${x.id}/properties`)).body).toEqual(owned);
      expect((await x.admin.get(`/resellers/${randomUUID()}/properties`)).status).toBe(404);
      expect((await x.admin.get('/resellers/not-a-uuid/properties')).status).toBe(404);
    });
  });

  describe('organizations', () => {
    let org: Record<string, any>;
    let domain: string;

    beforeAll(async () => {
      domain = `contoso${tag()}.example`;
      const created = await x.admin.post('/organizations', { name: 'Contoso', primaryDomain: domain.toUpperCase(), notificationEmail: `it@${domain}` });
      expect(created.status).toBe(201);
      org = created.body;
    });

    it('creates an organization with its primary domain lower-cased and billing starting on the creation date', async () => {
      expect(org).toEqual({
        id: expect.any(String),
        resellerId: x.id,
        name: 'Contoso',
        primaryDomain: domain,
        domains: [domain],
        notificationEmail: `it@${domain}`,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        settings: {
          notificationEmail: `it@${domain}`,
          approvalRequired: false,
          dynamicApproval: { enabled: false, annualLimit: '0.00' },
          billingStartDate: org.createdAt.slice(0, 10),
        },
      });
      expect([today(), new Date(Date.now() - 60_000).toISOString().slice(0, 10)]).toContain(org.settings.billingStartDate);
    });

    it('answers a GET right after the write, and the same organization from the settings endpoint', async () => {
      const read = await x.admin.get(`/organizations/${org.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(org);
      const settings = await x.admin.get(`/organizations/${org.id}/settings`);
      expect(settings.body).toEqual(org.settings);
    });

    it('publishes organizations.organization-created.v1 with the tenant in the envelope', async () => {
      const event = await eventually(async () => {
        const last = await lastEvent('organizations.organization-created.v1');
        return last.organizationId === org.id ? last : undefined;
      }, 15_000, 'the organization-created event');
      expect(event).toMatchObject({ resellerId: x.id, organizationId: org.id, data: { organizationId: org.id, resellerId: x.id, primaryDomain: domain, billingStartDate: org.settings.billingStartDate } });
    });

    it('refuses invalid organizations with 400 naming the field', async () => {
      const badDomain = await x.admin.post('/organizations', { name: 'Bad', primaryDomain: 'not a domain', notificationEmail: 'it@bad.example' });
      expect([badDomain.status, fieldsOf(badDomain)]).toEqual([400, ['primaryDomain']]);
      const badEmail = await x.admin.post('/organizations', { name: 'Bad', primaryDomain: `bad${tag()}.example`, notificationEmail: 'nope' });
      expect([badEmail.status, fieldsOf(badEmail)]).toEqual([400, ['notificationEmail']]);
      const blank = await x.admin.post('/organizations', { name: '   ', primaryDomain: `bad${tag()}.example`, notificationEmail: 'it@bad.example' });
      expect([blank.status, fieldsOf(blank)]).toEqual([400, ['name']]);
      const extra = await x.admin.post('/organizations', { name: 'Bad', primaryDomain: `bad${tag()}.example`, notificationEmail: 'it@bad.example', settings: {} });
      expect([extra.status, fieldsOf(extra)]).toEqual([400, ['settings']]);
    });

    it('answers 409 for a primary domain another organization has (any case, any reseller) and creates nothing', async () => {
      const taken = await y.admin.post('/organizations', { name: 'Copycat', primaryDomain: domain.toUpperCase(), notificationEmail: 'it@copycat.example' });
      expect(taken.status).toBe(409);
      // Nothing was created: once a later organization of Y shows in Y's list, the copycat is not there.
      const later = await createOrganization(y);
      const names = await eventually(async () => {
        const list = await y.admin.get('/organizations?limit=500');
        return list.body.items.some((o: { id: string }) => o.id === later.body.id) ? list.body.items.map((o: { name: string }) => o.name) : undefined;
      }, 15_000, "Y's list");
      expect(names).not.toContain('Copycat');
    });

    it('lets a new organization get its first user straight away (the lookup reads the stream)', async () => {
      const fresh = await createOrganization(x);
      const user = await createOrgUser(x, fresh.body.id, 'org_user', fresh.body.primaryDomain);
      expect(user.id).toEqual(expect.any(String));
    });

    it('changes name and notification e-mail (PATCH), seen by a GET right after and by the settings', async () => {
      const patched = await x.admin.request('PATCH', `/organizations/${org.id}`, { name: 'Contoso Group', notificationEmail: `ops@${domain}` });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ id: org.id, name: 'Contoso Group', notificationEmail: `ops@${domain}`, primaryDomain: domain });
      expect((await x.admin.get(`/organizations/${org.id}`)).body).toMatchObject({ name: 'Contoso Group', notificationEmail: `ops@${domain}` });
      expect((await x.admin.get(`/organizations/${org.id}/settings`)).body.notificationEmail).toBe(`ops@${domain}`);
      const nameOnly = await x.admin.request('PATCH', `/organizations/${org.id}`, { name: 'Contoso' });
      expect(nameOnly.body).toMatchObject({ name: 'Contoso', notificationEmail: `ops@${domain}` });
      const bad = await x.admin.request('PATCH', `/organizations/${org.id}`, { notificationEmail: 'nope', primaryDomain: 'x.example' });
      expect([bad.status, fieldsOf(bad).sort()]).toEqual([400, ['notificationEmail', 'primaryDomain']]);
    });

    it('shows an organization to the roles of that organization only, with settings for the roles that may read them', async () => {
      const admin = await createOrgUser(x, org.id, 'org_admin', domain);
      const orgUser = await createOrgUser(x, org.id, 'org_user', domain);
      const asAdmin = await admin.client.get(`/organizations/${org.id}`);
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.settings).toMatchObject({ approvalRequired: false });
      const asUser = await orgUser.client.get(`/organizations/${org.id}`);
      expect(asUser.status).toBe(200);
      expect(asUser.body).not.toHaveProperty('settings');

      const admin2Org = await createOrganization(x);
      expect((await admin.client.get(`/organizations/${admin2Org.body.id}`)).status).toBe(404);
      expect((await admin.client.get(`/organizations/${admin2Org.body.id}/domains`)).status).toBe(404);
      expect((await admin.client.request('PATCH', `/organizations/${admin2Org.body.id}`, { name: 'Mine now' })).status).toBe(404);

      const byOrgAdmin = await admin.client.request('PATCH', `/organizations/${org.id}`, { name: 'Contoso (by its admin)' });
      expect([byOrgAdmin.status, byOrgAdmin.body.name]).toEqual([200, 'Contoso (by its admin)']);
      expect((await orgUser.client.request('PATCH', `/organizations/${org.id}`, { name: 'Nope' })).status).toBe(403);
    });

    it("answers 404 to another reseller's admin on the organization and changes nothing", async () => {
      const before = (await x.admin.get(`/organizations/${org.id}`)).body;
      expect((await y.admin.get(`/organizations/${org.id}`)).status).toBe(404);
      expect((await y.admin.request('PATCH', `/organizations/${org.id}`, { name: 'Taken over' })).status).toBe(404);
      // Identity asks the organizations service at the moment it creates a user: Y may not add users to X's organization.
      const username = `intruder${tag()}@${domain}`;
      const intruder = await y.admin.post(`/organizations/${org.id}/users`, { username, firstName: 'Ivy', lastName: 'Intruder', email: username, role: 'org_admin', password: PASSWORD });
      expect(intruder.status).toBe(404);
      expect((await x.admin.get(`/organizations/${org.id}`)).body).toEqual(before);
      expect((await x.admin.get(`/organizations/${randomUUID()}`)).status).toBe(404);
      expect((await x.admin.get('/organizations/not-a-uuid')).status).toBe(404);
    });
  });

  describe('domains', () => {
    let org: Record<string, any>;
    let other: Record<string, any>;

    beforeAll(async () => {
      org = (await createOrganization(x)).body;
      other = (await createOrganization(x)).body;
    });

    const domainsOf = async (client: ApiClient, orgId: string) => (await client.get(`/organizations/${orgId}/domains`)).body;

    it('lists the primary domain, adds one (lower-cased), and a GET right after lists both', async () => {
      expect(await domainsOf(x.admin, org.id)).toEqual([{ domain: org.primaryDomain, primary: true, status: 'verified' }]);
      const extra = `extra${tag()}.example`;
      const added = await x.admin.post(`/organizations/${org.id}/domains`, { domain: extra.toUpperCase() });
      expect(added.status).toBe(201);
      // A reseller admin vouches for the domains it adds: verified at once.
      expect(added.body).toEqual({ domain: extra, primary: false, status: 'verified' });
      expect(await domainsOf(x.admin, org.id)).toEqual([
        { domain: org.primaryDomain, primary: true, status: 'verified' },
        { domain: extra, primary: false, status: 'verified' },
      ]);
      expect((await x.admin.get(`/organizations/${org.id}`)).body.domains).toEqual([org.primaryDomain, extra]);
      const event = await lastEvent('organizations.organization-domain-added.v1');
      expect(event).toMatchObject({ resellerId: x.id, organizationId: org.id, data: { domain: extra } });
    });

    it('answers 409 for a domain another organization has, and 400 for one that is not a domain', async () => {
      const taken = await x.admin.post(`/organizations/${other.id}/domains`, { domain: org.primaryDomain });
      expect(taken.status).toBe(409);
      const takenByY = await y.admin.post('/organizations', { name: 'Y copy', primaryDomain: org.primaryDomain, notificationEmail: 'it@y.example' });
      expect(takenByY.status).toBe(409);
      const bad = await x.admin.post(`/organizations/${org.id}/domains`, { domain: 'localhost' });
      expect([bad.status, fieldsOf(bad)]).toEqual([400, ['domain']]);
      expect(await domainsOf(x.admin, other.id)).toEqual([{ domain: other.primaryDomain, primary: true, status: 'verified' }]);
    });

    it('never removes the primary domain (409) and answers 404 for a domain the organization does not have', async () => {
      const primary = await x.admin.request('DELETE', `/organizations/${org.id}/domains/${org.primaryDomain}`);
      expect(primary.status).toBe(409);
      expect((await x.admin.request('DELETE', `/organizations/${org.id}/domains/nothere${tag()}.example`)).status).toBe(404);
      expect((await x.admin.request('DELETE', `/organizations/${org.id}/domains/${other.primaryDomain}`)).status).toBe(404);
      expect((await domainsOf(x.admin, org.id))[0]).toEqual({ domain: org.primaryDomain, primary: true, status: 'verified' });
    });

    it('removes a domain (204), after which another organization may take it', async () => {
      const extra = `gone${tag()}.example`;
      expect((await x.admin.post(`/organizations/${org.id}/domains`, { domain: extra })).status).toBe(201);
      const removed = await x.admin.request('DELETE', `/organizations/${org.id}/domains/${extra.toUpperCase()}`);
      expect(removed.status).toBe(204);
      expect((await domainsOf(x.admin, org.id)).map((d: { domain: string }) => d.domain)).not.toContain(extra);
      expect((await x.admin.request('DELETE', `/organizations/${org.id}/domains/${extra}`)).status).toBe(404);
      const event = await lastEvent('organizations.organization-domain-removed.v1');
      expect(event).toMatchObject({ resellerId: x.id, organizationId: org.id, data: { domain: extra } });

      const takenByOther = await x.admin.post(`/organizations/${other.id}/domains`, { domain: extra });
      expect(takenByOther.status).toBe(201);
      const yOrg = await y.admin.post('/organizations', { name: 'Y late', primaryDomain: extra, notificationEmail: 'it@y.example' });
      expect(yOrg.status).toBe(409);
    });

    it('refuses to remove a domain users still have in their usernames (409), and removes it once they are gone', async () => {
      const used = `used${tag()}.example`;
      expect((await x.admin.post(`/organizations/${org.id}/domains`, { domain: used })).status).toBe(201);
      const user = await createOrgUser(x, org.id, 'org_user', used);
      const refused = await x.admin.request('DELETE', `/organizations/${org.id}/domains/${used}`);
      expect(refused.status).toBe(409);
      expect((await domainsOf(x.admin, org.id)).map((d: { domain: string }) => d.domain)).toContain(used);

      expect((await x.admin.request('DELETE', `/organizations/${org.id}/users/${user.id}`)).status).toBe(204);
      expect((await x.admin.request('DELETE', `/organizations/${org.id}/domains/${used}`)).status).toBe(204);
    });

    it('lets the organization admin manage domains (its own start pending) and every org role read them', async () => {
      const admin = await createOrgUser(x, org.id, 'org_admin', org.primaryDomain);
      const viewer = await createOrgUser(x, org.id, 'org_viewer', org.primaryDomain);
      const own = `own${tag()}.example`;
      expect((await admin.client.post(`/organizations/${org.id}/domains`, { domain: own })).status).toBe(201);
      expect((await viewer.client.get(`/organizations/${org.id}/domains`)).body.map((d: { domain: string }) => d.domain)).toContain(own);
      expect((await viewer.client.post(`/organizations/${org.id}/domains`, { domain: `v${tag()}.example` })).status).toBe(403);
      expect((await viewer.client.request('DELETE', `/organizations/${org.id}/domains/${own}`)).status).toBe(403);
      expect((await admin.client.request('DELETE', `/organizations/${org.id}/domains/${own}`)).status).toBe(204);
      expect((await admin.client.post(`/organizations/${other.id}/domains`, { domain: `o${tag()}.example` })).status).toBe(404);
    });

    it("answers 404 to another reseller's admin on domains and changes nothing", async () => {
      const extra = `keep${tag()}.example`;
      expect((await x.admin.post(`/organizations/${org.id}/domains`, { domain: extra })).status).toBe(201);
      const before = await domainsOf(x.admin, org.id);
      expect((await y.admin.get(`/organizations/${org.id}/domains`)).status).toBe(404);
      expect((await y.admin.post(`/organizations/${org.id}/domains`, { domain: `y${tag()}.example` })).status).toBe(404);
      expect((await y.admin.request('DELETE', `/organizations/${org.id}/domains/${extra}`)).status).toBe(404);
      expect(await domainsOf(x.admin, org.id)).toEqual(before);
    });
  });

  describe('settings', () => {
    let org: Record<string, any>;
    const settings = (overrides: Record<string, unknown> = {}) => ({
      notificationEmail: `approvals@${org.primaryDomain}`,
      approvalRequired: true,
      dynamicApproval: { enabled: true, annualLimit: '1000.00' },
      billingStartDate: '2026-01-01',
      ...overrides,
    });
    const put = (client: ApiClient, body: unknown) => client.request('PUT', `/organizations/${org.id}/settings`, body);

    beforeAll(async () => {
      org = (await createOrganization(x)).body;
    });

    it('answers the defaults for a new organization: no approvals, dynamic approval off, billing from the creation date', async () => {
      const read = await x.admin.get(`/organizations/${org.id}/settings`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({
        notificationEmail: org.notificationEmail,
        approvalRequired: false,
        dynamicApproval: { enabled: false, annualLimit: '0.00' },
        billingStartDate: org.createdAt.slice(0, 10),
      });
    });

    it('sets the settings, answers the same when repeated, and a GET right after sees them', async () => {
      const first = await put(x.admin, settings());
      expect(first.status).toBe(200);
      expect(first.body).toEqual(settings());
      const again = await put(x.admin, settings());
      expect([again.status, again.body]).toEqual([200, first.body]);
      expect((await x.admin.get(`/organizations/${org.id}/settings`)).body).toEqual(first.body);
      expect((await x.admin.get(`/organizations/${org.id}`)).body).toMatchObject({ notificationEmail: settings().notificationEmail, settings: first.body });

      const policy = await eventually(async () => {
        const last = await lastEvent('approvals.approval-policy-changed.v1');
        return last.organizationId === org.id ? last : undefined;
      }, 15_000, 'the approval-policy-changed event');
      expect(policy).toMatchObject({ resellerId: x.id, data: { approvalRequired: true, dynamicApproval: { enabled: true, annualLimit: '1000.00' } } });
      const own = await eventually(async () => {
        const last = await lastEvent('organizations.organization-settings-changed.v1');
        return last.organizationId === org.id ? last : undefined;
      }, 15_000, 'the organization-settings-changed event');
      expect(own).toMatchObject({ resellerId: x.id, data: { billingStartDate: '2026-01-01', notificationEmail: settings().notificationEmail } });
    });

    it('accepts the limit as a JSON number and answers it as a decimal string with two places', async () => {
      const response = await put(x.admin, settings({ dynamicApproval: { enabled: true, annualLimit: 2500.5 } }));
      expect([response.status, response.body.dynamicApproval]).toEqual([200, { enabled: true, annualLimit: '2500.50' }]);
      const off = await put(x.admin, settings({ approvalRequired: false, dynamicApproval: { enabled: false } }));
      expect(off.body).toMatchObject({ approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: '2500.50' } });
    });

    it.each([
      ['a negative limit', { dynamicApproval: { enabled: true, annualLimit: '-1.00' } }, 'dynamicApproval.annualLimit'],
      ['a negative number limit', { dynamicApproval: { enabled: true, annualLimit: -100 } }, 'dynamicApproval.annualLimit'],
      ['a limit with three decimals', { dynamicApproval: { enabled: true, annualLimit: '10.005' } }, 'dynamicApproval.annualLimit'],
      ['a limit missing while enabled', { dynamicApproval: { enabled: true } }, 'dynamicApproval.annualLimit'],
      ['a bad e-mail', { notificationEmail: 'not-an-email' }, 'notificationEmail'],
      ['a bad date', { billingStartDate: '2026-02-30' }, 'billingStartDate'],
      ['an unknown field', { approvalLimit: 5 }, 'approvalLimit'],
    ])('answers 400 naming the field for %s, and changes nothing', async (_case, overrides, field) => {
      const before = (await x.admin.get(`/organizations/${org.id}/settings`)).body;
      const response = await put(x.admin, settings(overrides));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(fieldsOf(response)).toEqual([field]);
      expect((await x.admin.get(`/organizations/${org.id}/settings`)).body).toEqual(before);
    });

    it('lets reseller admins set, admins and viewers of the organization read, and nobody else', async () => {
      const admin = await createOrgUser(x, org.id, 'org_admin', org.primaryDomain);
      const viewer = await createOrgUser(x, org.id, 'org_viewer', org.primaryDomain);
      const billing = await createOrgUser(x, org.id, 'org_billing_admin', org.primaryDomain);
      const user = await createOrgUser(x, org.id, 'org_user', org.primaryDomain);
      const current = (await x.admin.get(`/organizations/${org.id}/settings`)).body;
      expect((await admin.client.get(`/organizations/${org.id}/settings`)).body).toEqual(current);
      expect((await viewer.client.get(`/organizations/${org.id}/settings`)).body).toEqual(current);
      expect((await billing.client.get(`/organizations/${org.id}/settings`)).status).toBe(403);
      expect((await user.client.get(`/organizations/${org.id}/settings`)).status).toBe(403);
      expect((await admin.client.request('PUT', `/organizations/${org.id}/settings`, current)).status).toBe(403);
    });

    it("answers 404 to another reseller's admin on settings and changes nothing", async () => {
      const before = (await x.admin.get(`/organizations/${org.id}/settings`)).body;
      expect((await y.admin.get(`/organizations/${org.id}/settings`)).status).toBe(404);
      const attempt = await put(y.admin, settings({ approvalRequired: false, dynamicApproval: { enabled: false, annualLimit: '0.00' }, billingStartDate: '2020-01-01' }));
      expect(attempt.status).toBe(404);
      expect((await x.admin.get(`/organizations/${org.id}/settings`)).body).toEqual(before);
      expect((await x.admin.get(`/organizations/${randomUUID()}/settings`)).status).toBe(404);
    });
  });

  describe('organization list', () => {
    it("lists the reseller's own organizations with their users count, never another reseller's", async () => {
      const first = (await createOrganization(x)).body;
      const second = (await createOrganization(x)).body;
      const yOrg = (await createOrganization(y)).body;
      await createOrgUser(x, first.id, 'org_user', first.primaryDomain);
      const doomed = await createOrgUser(x, first.id, 'org_viewer', first.primaryDomain);

      const entry = (items: { id: string; usersCount: number }[], id: string) => items.find((o) => o.id === id);
      const listed = await eventually(async () => {
        const list = await x.admin.get('/organizations?limit=500');
        const found = entry(list.body.items, first.id);
        return found?.usersCount === 2 && entry(list.body.items, second.id) ? list.body : undefined;
      }, 20_000, 'both organizations with the users count');
      expect(entry(listed.items, first.id)).toEqual({ ...first, settings: undefined, usersCount: 2 });
      expect(entry(listed.items, second.id)).toMatchObject({ usersCount: 0, primaryDomain: second.primaryDomain });
      expect(listed.items.every((o: { resellerId: string }) => o.resellerId === x.id)).toBe(true);
      expect(entry(listed.items, yOrg.id)).toBeUndefined();
      expect(listed.nextCursor === null || typeof listed.nextCursor === 'string').toBe(true);

      expect((await x.admin.request('DELETE', `/organizations/${first.id}/users/${doomed.id}`)).status).toBe(204);
      await eventually(async () => {
        const list = await x.admin.get('/organizations?limit=500');
        return entry(list.body.items, first.id)?.usersCount === 1 ? true : undefined;
      }, 20_000, 'the users count to drop after a deletion');
    });

    it('pages with limit and cursor', async () => {
      const page = await x.admin.get('/organizations?limit=1');
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      expect(typeof page.body.nextCursor).toBe('string');
      const next = await x.admin.get(`/organizations?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`);
      expect(next.body.items).toHaveLength(1);
      expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
      expect((await x.admin.get('/organizations?limit=0')).status).toBe(400);
    });
  });

  describe('service-side checks (RPC, bypassing the gateway)', () => {
    let org: Record<string, any>;
    const actor = (role: Role, resellerId: string | null, organizationId: string | null): ActorDto => ({ userId: randomUUID(), role, resellerId, organizationId });
    const failure = async (pattern: string, payload: unknown): Promise<string> => {
      try {
        await rpc.call(rpcContract<unknown, unknown>(pattern), payload);
        return 'no error';
      } catch (error) {
        return error instanceof RpcCallError ? error.code : String(error);
      }
    };

    beforeAll(async () => {
      org = (await createOrganization(x)).body;
    });

    it('answers organizations.organization.lookup exactly, for the platform admin, its reseller admins and its own users', async () => {
      const expected = { organizationId: org.id, resellerId: x.id, name: org.name, primaryDomain: org.primaryDomain, domains: [org.primaryDomain], notificationEmail: org.notificationEmail };
      for (const who of [actor('platform_admin', null, null), actor('reseller_admin', x.id, null), actor('org_user', x.id, org.id)]) {
        expect(await rpc.call(OrganizationLookupRpc.lookup, { actor: who, organizationId: org.id })).toEqual(expected);
      }
    });

    it('answers ORGANIZATION.NOT_FOUND alike for a missing organization and for one the actor may not see', async () => {
      const lookup = (who: ActorDto, organizationId = org.id) => failure('organizations.organization.lookup', { actor: who, organizationId });
      expect(await lookup(actor('reseller_admin', x.id, null), randomUUID())).toBe('ORGANIZATION.NOT_FOUND');
      expect(await lookup(actor('reseller_admin', y.id, null))).toBe('ORGANIZATION.NOT_FOUND');
      expect(await lookup(actor('org_admin', x.id, randomUUID()))).toBe('ORGANIZATION.NOT_FOUND');
      expect(await lookup(actor('org_admin', y.id, org.id))).toBe('ORGANIZATION.NOT_FOUND');
    });

    it('checks role and tenant in the approvals and organizations services themselves', async () => {
      const policy = { organizationId: org.id, approvalRequired: true, dynamicApproval: { enabled: false } };
      expect(await failure('approvals.policy.set', { ...policy, actor: actor('reseller_admin', y.id, null) })).toBe('ORGANIZATION.NOT_FOUND');
      expect(await failure('approvals.policy.set', { ...policy, actor: actor('org_admin', x.id, org.id) })).toBe('APPROVAL_POLICY.FORBIDDEN');
      expect(await failure('approvals.policy.get', { organizationId: org.id, actor: actor('org_user', x.id, org.id) })).toBe('APPROVAL_POLICY.FORBIDDEN');
      const settings = { organizationId: org.id, notificationEmail: 'evil@y.example', billingStartDate: '2020-01-01' };
      expect(await failure('organizations.organization.set-settings', { ...settings, actor: actor('reseller_admin', y.id, null) })).toBe('ORGANIZATION.NOT_FOUND');
      expect(await failure('organizations.organization.set-settings', { ...settings, actor: actor('org_admin', x.id, org.id) })).toBe('ORGANIZATION.FORBIDDEN');
      expect(await failure('organizations.organization.create', { organizationId: randomUUID(), name: 'N', primaryDomain: `n${tag()}.example`, notificationEmail: 'a@b.example', actor: actor('org_admin', x.id, org.id) })).toBe('ORGANIZATION.FORBIDDEN');
      expect(await failure('approvals.policy.set', { ...policy, dynamicApproval: { enabled: true, annualLimit: '-1' }, actor: actor('reseller_admin', x.id, null) })).toBe('VALIDATION');
      expect((await x.admin.get(`/organizations/${org.id}/settings`)).body).toMatchObject({ approvalRequired: false, notificationEmail: org.notificationEmail });
    });
  });
});

import { randomBytes } from 'node:crypto';
import type { Role } from '@broker/contracts';
import { ApiClient, type ApiResponse } from './support/http-client';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Every role against every endpoint of the Auth, Resellers, Organizations and Users sections of api-v1.md:
 * the roles the contract names succeed, every other role gets 403. Cross-tenant attempts are covered by the
 * feature tests (they answer 404).
 */
const ROLES: readonly Role[] = ['platform_admin', 'reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'];
const ORG_ROLES: readonly Role[] = ['org_admin', 'org_billing_admin', 'org_viewer', 'org_user'];
const PASSWORD = 'Xq9!wertzu';

interface World {
  resellerId: string;
  orgId: string;
  domain: string;
  users: Record<Role, { id: string; username: string }>;
  /** A user the write endpoints act on. */
  targetId: string;
}

interface Endpoint {
  name: string;
  allowed: readonly Role[];
  /** Builds the call for one role; may prepare what the call needs (as the reseller admin). */
  call(api: ApiClient, world: World, role: Role): Promise<ApiResponse>;
}

const unique = () => randomBytes(4).toString('hex');

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
    world = { resellerId: reseller.body.id, orgId: org.body.id, domain, users, targetId: target.body.id };
  });

  afterAll(async () => {
    await platform.stop();
  });

  const newUser = (w: World) => {
    const username = `u${unique()}@${w.domain}`;
    return { username, firstName: 'Nora', lastName: 'Newman', email: username, role: 'org_user', password: PASSWORD };
  };
  const freshUser = async (w: World) => (await resellerAdmin.post(`/organizations/${w.orgId}/users`, newUser(w))).body.id as string;
  const freshDomain = async (w: World) => {
    const domain = `d${unique()}.example`;
    expect((await resellerAdmin.post(`/organizations/${w.orgId}/domains`, { domain })).status).toBe(201);
    return domain;
  };

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
    { name: 'GET /organizations/{id}', allowed: ['reseller_admin', ...ORG_ROLES], call: (api, w) => api.get(`/organizations/${w.orgId}`) },
    { name: 'PATCH /organizations/{id}', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.request('PATCH', `/organizations/${w.orgId}`, { notificationEmail: `it@${w.domain}` }) },
    { name: 'GET /organizations/{id}/settings', allowed: ['reseller_admin', 'org_admin', 'org_viewer'], call: (api, w) => api.get(`/organizations/${w.orgId}/settings`) },
    { name: 'PUT /organizations/{id}/settings', allowed: ['reseller_admin'], call: async (api, w) => {
      const current = (await resellerAdmin.get(`/organizations/${w.orgId}/settings`)).body;
      return api.request('PUT', `/organizations/${w.orgId}/settings`, current);
    } },
    { name: 'GET /organizations/{id}/domains', allowed: ['reseller_admin', ...ORG_ROLES], call: (api, w) => api.get(`/organizations/${w.orgId}/domains`) },
    { name: 'POST /organizations/{id}/domains', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/domains`, { domain: `p${unique()}.example` }) },
    { name: 'DELETE /organizations/{id}/domains/{domain}', allowed: ['reseller_admin', 'org_admin'], call: async (api, w) => api.request('DELETE', `/organizations/${w.orgId}/domains/${await freshDomain(w)}`) },

    { name: 'GET /organizations/{id}/users', allowed: ['reseller_admin', 'org_admin', 'org_viewer'], call: (api, w) => api.get(`/organizations/${w.orgId}/users`) },
    { name: 'POST /organizations/{id}/users', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/users`, newUser(w)) },
    { name: 'POST /organizations/{id}/users/import', allowed: ['reseller_admin', 'org_admin'], call: (api, w) =>
      api.request('POST', `/organizations/${w.orgId}/users/import`, undefined, { 'content-type': 'text/csv' }, `username,firstName,lastName,email,role\ni${unique()}@${w.domain},Ida,Import,ida@${w.domain},org_user\n`) },
    { name: 'GET /organizations/{id}/users/{userId} (another user)', allowed: ['reseller_admin', 'org_admin', 'org_viewer'], call: (api, w) => api.get(`/organizations/${w.orgId}/users/${w.targetId}`) },
    { name: 'PATCH /organizations/{id}/users/{userId}', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.request('PATCH', `/organizations/${w.orgId}/users/${w.targetId}`, { firstName: 'Tara' }) },
    { name: 'PUT /organizations/{id}/users/{userId}/password', allowed: ['reseller_admin', 'org_admin'], call: (api, w) =>
      api.request('PUT', `/organizations/${w.orgId}/users/${w.targetId}/password`, { password: PASSWORD }) },
    { name: 'DELETE /organizations/{id}/users/{userId}', allowed: ['reseller_admin', 'org_admin'], call: async (api, w) => api.request('DELETE', `/organizations/${w.orgId}/users/${await freshUser(w)}`) },
    { name: 'POST /organizations/{id}/users/disable', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/users/disable`, { userIds: [w.targetId] }) },
    { name: 'POST /organizations/{id}/users/enable', allowed: ['reseller_admin', 'org_admin'], call: (api, w) => api.post(`/organizations/${w.orgId}/users/enable`, { userIds: [w.targetId] }) },
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

  it('lets every role change its own password (PUT /me/password)', async () => {
    for (const role of ROLES) {
      const current = role === 'platform_admin' ? platform.adminPassword : PASSWORD;
      const response = await clients[role].request('PUT', '/me/password', { currentPassword: current, newPassword: `${PASSWORD}-${role.length}Zz` });
      expect([role, response.status]).toEqual([role, 204]);
    }
  });
});

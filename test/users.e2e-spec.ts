import { randomUUID } from 'node:crypto';
import { connect, JSONCodec } from 'nats';
import { Client } from 'pg';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganization, createReseller, PASSWORD, tag, type Org } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * The Users section of api-v1.md and PUT /me/password, through the gateway with every service running: create
 * (domains checked with the organizations service at that moment, the password policy reported whole, usernames
 * unique platform-wide), list and read, edit, set password, delete, disable and enable many, tokens that stop
 * working at once, and cross-tenant attempts that answer 404 and change nothing.
 */
describe('users (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  let db: Client;
  let resellerA: ApiClient;
  let resellerB: ApiClient;
  let orgA: Org;
  let orgA2: Org;
  let orgB: Org;
  let adminA: ApiClient;
  let adminAId: string;
  let adminA2: ApiClient;
  let viewerA: ApiClient;

  const newUser = (org: Org, fields: Record<string, unknown> = {}) => {
    const username = `u${tag()}@${org.domain}`;
    return { username, firstName: 'Nora', lastName: 'Newman', email: username, role: 'org_user', password: PASSWORD, ...fields };
  };
  const createUser = async (as: ApiClient, org: Org, fields: Record<string, unknown> = {}) => {
    const body = newUser(org, fields);
    const response = await as.post(`/organizations/${org.id}/users`, body);
    expect([response.status, response.body]).toEqual([201, expect.objectContaining({ username: String(body.username).toLowerCase() })]);
    return { id: response.body.id as string, username: response.body.username as string, password: String(body.password) };
  };
  const put = (as: ApiClient, path: string, body: unknown) => as.request('PUT', path, body);
  const patch = (as: ApiClient, path: string, body: unknown) => as.request('PATCH', path, body);
  const del = (as: ApiClient, path: string) => as.request('DELETE', path);
  const fieldsOf = (response: ApiResponse) => (response.body.errors as { field: string; message: string }[]).map((e) => e.field);

  beforeAll(async () => {
    await platform.start();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
    resellerA = await createReseller(platformAdmin, anonymous());
    resellerB = await createReseller(platformAdmin, anonymous());
    orgA = await createOrganization(resellerA);
    orgA2 = await createOrganization(resellerA);
    orgB = await createOrganization(resellerB);
    const a = await createUser(resellerA, orgA, { role: 'org_admin', firstName: 'Olga', lastName: 'Admin' });
    adminAId = a.id;
    adminA = await anonymous().login(a.username, PASSWORD);
    const a2 = await createUser(resellerA, orgA2, { role: 'org_admin', firstName: 'Otto', lastName: 'Other' });
    adminA2 = await anonymous().login(a2.username, PASSWORD);
    const viewer = await createUser(resellerA, orgA, { role: 'org_viewer', firstName: 'Vera', lastName: 'Viewer' });
    viewerA = await anonymous().login(viewer.username, PASSWORD);
  });

  afterAll(async () => {
    await db?.end();
    await platform.stop();
  });

  it('creates an organization and straight away its first user, readable at once', async () => {
    const org = await createOrganization(resellerA);
    const created = await resellerA.post(`/organizations/${org.id}/users`, {
      username: `First.User@${org.domain.toUpperCase()}`, firstName: 'Fiona', lastName: 'First', email: `fiona@${org.domain}`, role: 'org_admin', password: PASSWORD,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String), username: `first.user@${org.domain}`, firstName: 'Fiona', lastName: 'First', email: `fiona@${org.domain}`,
      role: 'org_admin', status: 'active', resellerId: expect.any(String), organizationId: org.id, servicesCount: 0, costCentre: null,
    });
    const read = await resellerA.get(`/organizations/${org.id}/users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const login = await anonymous().post('/auth/login', { username: `first.user@${org.domain}`, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'org_admin', organizationId: org.id });
  });

  it('lets an org admin create users of its organization, and stores an Argon2id hash', async () => {
    const user = await createUser(adminA, orgA, { role: 'org_billing_admin' });
    const row = await db.query<{ hash: string }>(
      `SELECT data->>'passwordHash' AS hash FROM "${platform.names.schema('identity')}".rm_documents WHERE collection = 'credentials' AND id = $1`,
      [user.id],
    );
    expect(row.rows[0]?.hash).toMatch(/^\$argon2id\$/);
  });

  it('answers 400 listing every broken password rule at once, with the username and role errors', async () => {
    const everyRule = await adminA.post(`/organizations/${orgA.id}/users`, { ...newUser(orgA), username: `anna@${orgA.domain}`, firstName: 'Anna', lastName: 'Berg', password: 'anna' });
    expect(everyRule.status).toBe(400);
    expect(everyRule.headers.get('content-type')).toContain('application/problem+json');
    expect(everyRule.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'password', message: 'Password must be at least 8 characters long' },
        { field: 'password', message: 'Password must contain an uppercase letter' },
        { field: 'password', message: 'Password must contain a digit' },
        { field: 'password', message: 'Password must contain a non-word character such as ! or #' },
        { field: 'password', message: 'Password must not contain parts of the account name' },
        { field: 'password', message: "Password must not contain parts of the user's full name" },
      ]),
    );
    const noLower = await adminA.post(`/organizations/${orgA.id}/users`, newUser(orgA, { password: 'XQ9!WERTZU' }));
    expect(noLower.body.errors).toEqual([{ field: 'password', message: 'Password must contain a lowercase letter' }]);
    const common = await adminA.post(`/organizations/${orgA.id}/users`, newUser(orgA, { password: 'P@ssw0rd' }));
    expect([common.status, common.body.errors]).toEqual([400, [{ field: 'password', message: 'Password is too common; choose another one' }]]);

    const outside = await adminA.post(`/organizations/${orgA.id}/users`, newUser(orgB, { password: 'short' }));
    expect(outside.status).toBe(400);
    expect(fieldsOf(outside)).toContain('username');
    expect(outside.body.errors.find((e: { field: string }) => e.field === 'username').message).toContain(orgA.domain);
    expect(fieldsOf(outside).filter((f) => f === 'password').length).toBeGreaterThan(1);

    const role = await adminA.post(`/organizations/${orgA.id}/users`, newUser(orgA, { role: 'reseller_admin' }));
    expect([role.status, fieldsOf(role)]).toEqual([400, ['role']]);
    const unknownField = await adminA.post(`/organizations/${orgA.id}/users`, { ...newUser(orgA), admin: true });
    expect([unknownField.status, fieldsOf(unknownField)]).toEqual([400, ['admin']]);
  });

  it('accepts a 64-character passphrase, which then logs in', async () => {
    const passphrase = 'Correct-Horse-Battery-Staple-9 on a quiet Tuesday in Reykjavik?!';
    expect(passphrase).toHaveLength(64);
    const user = await createUser(adminA, orgA, { password: passphrase });
    expect((await anonymous().post('/auth/login', { username: user.username, password: passphrase })).status).toBe(200);
  });

  it('answers 409 for a username taken anywhere on the platform, whatever its case', async () => {
    const user = await createUser(adminA, orgA);
    const again = await adminA.post(`/organizations/${orgA.id}/users`, newUser(orgA, { username: user.username.toUpperCase() }));
    expect(again.status).toBe(409);
  });

  it('lists the users with their services count (0), for admins and viewers', async () => {
    const user = await createUser(adminA, orgA, { firstName: 'Lisa', lastName: 'Listed', costCentre: ' Research ' });
    const listed = await eventually(async () => {
      const page = await viewerA.get(`/organizations/${orgA.id}/users?limit=500`);
      expect(page.status).toBe(200);
      return page.body.items.find((item: { id: string }) => item.id === user.id);
    }, 15_000, 'the new user in the list');
    expect(listed).toEqual({ id: user.id, username: user.username, firstName: 'Lisa', lastName: 'Listed', email: user.username, role: 'org_user', status: 'active', servicesCount: 0, costCentre: 'Research' });

    const page = await resellerA.get(`/organizations/${orgA.id}/users?limit=2`);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const next = await resellerA.get(`/organizations/${orgA.id}/users?limit=2&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    expect(page.body.items.every((item: { servicesCount: number }) => item.servicesCount === 0)).toBe(true);
  });

  it('edits a user (organization roles only) and sets its password under the policy', async () => {
    const user = await createUser(adminA, orgA);
    const changed = await patch(adminA, `/organizations/${orgA.id}/users/${user.id}`, { firstName: 'Petra', role: 'org_viewer', email: 'petra@elsewhere.example' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: user.id, firstName: 'Petra', lastName: 'Newman', role: 'org_viewer', email: 'petra@elsewhere.example', username: user.username });
    expect((await adminA.get(`/organizations/${orgA.id}/users/${user.id}`)).body).toMatchObject({ firstName: 'Petra', role: 'org_viewer' });
    expect((await patch(adminA, `/organizations/${orgA.id}/users/${user.id}`, { role: 'platform_admin' })).status).toBe(400);
    expect((await patch(adminA, `/organizations/${orgA.id}/users/${user.id}`, { username: 'x@y.example' })).status).toBe(400);
    // The cost centre label changes with the other details, null removes it; an empty or too long one is refused.
    expect((await patch(adminA, `/organizations/${orgA.id}/users/${user.id}`, { costCentre: 'Sales' })).body).toMatchObject({ costCentre: 'Sales', firstName: 'Petra' });
    expect((await adminA.get(`/organizations/${orgA.id}/users/${user.id}`)).body.costCentre).toBe('Sales');
    for (const costCentre of ['', 'x'.repeat(101), 42]) {
      const bad = await patch(adminA, `/organizations/${orgA.id}/users/${user.id}`, { costCentre });
      expect([bad.status, [...new Set(fieldsOf(bad))]]).toEqual([400, ['costCentre']]);
    }
    expect((await patch(viewerA, `/organizations/${orgA.id}/users/${user.id}`, { costCentre: 'Other' })).status).toBe(403);
    expect((await patch(adminA, `/organizations/${orgA.id}/users/${user.id}`, { costCentre: null })).body.costCentre).toBeNull();

    const weak = await put(adminA, `/organizations/${orgA.id}/users/${user.id}/password`, { password: 'petra' });
    expect(weak.status).toBe(400);
    expect(fieldsOf(weak).length).toBeGreaterThan(2);
    const set = await put(resellerA, `/organizations/${orgA.id}/users/${user.id}/password`, { password: 'New-Secret-42' });
    expect(set.status).toBe(204);
    expect((await anonymous().post('/auth/login', { username: user.username, password: PASSWORD })).status).toBe(401);
    expect((await anonymous().post('/auth/login', { username: user.username, password: 'New-Secret-42' })).status).toBe(200);
  });

  it('reads a user for the user themself, and not for an org user reading someone else', async () => {
    const user = await createUser(adminA, orgA);
    const self = await anonymous().login(user.username, PASSWORD);
    expect((await self.get(`/organizations/${orgA.id}/users/${user.id}`)).status).toBe(200);
    expect((await self.get(`/organizations/${orgA.id}/users/${adminAId}`)).status).toBe(403);
  });

  it('refuses every write to an org viewer (403)', async () => {
    const user = await createUser(adminA, orgA);
    expect((await viewerA.post(`/organizations/${orgA.id}/users`, newUser(orgA))).status).toBe(403);
    expect((await patch(viewerA, `/organizations/${orgA.id}/users/${user.id}`, { firstName: 'X' })).status).toBe(403);
    expect((await put(viewerA, `/organizations/${orgA.id}/users/${user.id}/password`, { password: 'New-Secret-42' })).status).toBe(403);
    expect((await del(viewerA, `/organizations/${orgA.id}/users/${user.id}`)).status).toBe(403);
    expect((await viewerA.post(`/organizations/${orgA.id}/users/disable`, { userIds: [user.id] })).status).toBe(403);
    expect((await adminA.get(`/organizations/${orgA.id}/users/${user.id}`)).body).toMatchObject({ firstName: 'Nora', status: 'active' });
  });

  it('disables many users at once, each on its own; their old tokens answer 401 at once; enabling lets them log in again', async () => {
    const first = await createUser(adminA, orgA);
    const second = await createUser(adminA, orgA);
    const elsewhere = await createUser(resellerA, orgA2);
    const firstToken = await anonymous().login(first.username, PASSWORD);
    const secondToken = await anonymous().login(second.username, PASSWORD);
    expect((await firstToken.get('/me')).status).toBe(200);

    const missing = randomUUID();
    const disabled = await adminA.post(`/organizations/${orgA.id}/users/disable`, { userIds: [first.id, missing, elsewhere.id, 'not-an-id', adminAId, second.id] });
    expect(disabled.status).toBe(200);
    expect(disabled.body.results).toEqual([
      { userId: first.id, ok: true },
      { userId: missing, ok: false, error: 'not found' },
      { userId: elsewhere.id, ok: false, error: 'not found' },
      { userId: 'not-an-id', ok: false, error: 'not found' },
      { userId: adminAId, ok: false, error: 'You may not disable yourself' },
      { userId: second.id, ok: true },
    ]);
    expect((await firstToken.get('/me')).status).toBe(401);
    expect((await secondToken.get(`/organizations/${orgA.id}/users/${second.id}`)).status).toBe(401);
    expect((await anonymous().post('/auth/login', { username: first.username, password: PASSWORD })).status).toBe(401);
    expect((await adminA.get(`/organizations/${orgA.id}/users/${first.id}`)).body.status).toBe('disabled');
    expect((await resellerA.get(`/organizations/${orgA2.id}/users/${elsewhere.id}`)).body.status).toBe('active');
    expect((await adminA.get('/me')).status).toBe(200);

    const enabled = await resellerA.post(`/organizations/${orgA.id}/users/enable`, { userIds: [first.id, second.id, first.id] });
    expect(enabled.body.results).toEqual([{ userId: first.id, ok: true }, { userId: second.id, ok: true }, { userId: first.id, ok: true }]);
    expect((await anonymous().post('/auth/login', { username: first.username, password: PASSWORD })).status).toBe(200);

    expect((await adminA.post(`/organizations/${orgA.id}/users/disable`, { userIds: [] })).status).toBe(400);
  });

  it('deletes a user: the old token answers 401, the user is gone, and the username is free again', async () => {
    const user = await createUser(adminA, orgA);
    const token = await anonymous().login(user.username, PASSWORD);
    expect((await del(adminA, `/organizations/${orgA.id}/users/${user.id}`)).status).toBe(204);
    expect((await token.get('/me')).status).toBe(401);
    expect((await anonymous().post('/auth/login', { username: user.username, password: PASSWORD })).status).toBe(401);
    expect((await adminA.get(`/organizations/${orgA.id}/users/${user.id}`)).status).toBe(404);
    expect((await del(adminA, `/organizations/${orgA.id}/users/${user.id}`)).status).toBe(404);
    await eventually(async () => {
      const page = await adminA.get(`/organizations/${orgA.id}/users?limit=500`);
      return page.body.items.some((item: { id: string }) => item.id === user.id) ? undefined : true;
    }, 15_000, 'the deleted user to leave the list');

    const again = await adminA.post(`/organizations/${orgA.id}/users`, newUser(orgA, { username: user.username }));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(user.id);
    expect((await anonymous().post('/auth/login', { username: user.username, password: PASSWORD })).status).toBe(200);

    const self = await del(adminA, `/organizations/${orgA.id}/users/${adminAId}`);
    expect([self.status, self.body.detail]).toEqual([403, 'You may not delete yourself']);
  });

  it('answers 404 and changes nothing when an org admin of another organization or another reseller acts on the users', async () => {
    const victim = await createUser(adminA, orgA, { firstName: 'Vicky', lastName: 'Victim' });
    for (const intruder of [adminA2, resellerB]) {
      expect((await intruder.get(`/organizations/${orgA.id}/users`)).status).toBe(404);
      expect((await intruder.post(`/organizations/${orgA.id}/users`, newUser(orgA))).status).toBe(404);
      expect((await intruder.get(`/organizations/${orgA.id}/users/${victim.id}`)).status).toBe(404);
      expect((await patch(intruder, `/organizations/${orgA.id}/users/${victim.id}`, { firstName: 'Hacked' })).status).toBe(404);
      expect((await put(intruder, `/organizations/${orgA.id}/users/${victim.id}/password`, { password: 'Hacked-Pass-1' })).status).toBe(404);
      expect((await del(intruder, `/organizations/${orgA.id}/users/${victim.id}`)).status).toBe(404);
      expect((await intruder.post(`/organizations/${orgA.id}/users/disable`, { userIds: [victim.id] })).status).toBe(404);
      expect((await intruder.post(`/organizations/${orgA.id}/users/enable`, { userIds: [victim.id] })).status).toBe(404);
    }
    // The victim's id under the intruder's own organization is not found either.
    expect((await adminA2.get(`/organizations/${orgA2.id}/users/${victim.id}`)).status).toBe(404);
    expect((await patch(adminA2, `/organizations/${orgA2.id}/users/${victim.id}`, { firstName: 'Hacked' })).status).toBe(404);
    expect((await adminA2.post(`/organizations/${orgA2.id}/users/disable`, { userIds: [victim.id] })).body.results).toEqual([{ userId: victim.id, ok: false, error: 'not found' }]);
    expect((await del(adminA2, `/organizations/${orgA2.id}/users/${victim.id}`)).status).toBe(404);
    // Another reseller's organization id with its own user ids.
    expect((await resellerB.get(`/organizations/${orgB.id}/users/${victim.id}`)).status).toBe(404);

    const after = await adminA.get(`/organizations/${orgA.id}/users/${victim.id}`);
    expect(after.body).toMatchObject({ firstName: 'Vicky', lastName: 'Victim', status: 'active' });
    expect((await anonymous().post('/auth/login', { username: victim.username, password: PASSWORD })).status).toBe(200);
  });

  it('answers 404 for malformed ids in the path', async () => {
    expect((await adminA.get(`/organizations/${orgA.id}/users/not-a-uuid`)).status).toBe(404);
    expect((await adminA.get('/organizations/not-a-uuid/users')).status).toBe(404);
  });

  it('changes your own password with the current one (PUT /me/password)', async () => {
    const user = await createUser(adminA, orgA, { firstName: 'Selma', lastName: 'Self' });
    const self = await anonymous().login(user.username, PASSWORD);
    const wrong = await put(self, '/me/password', { currentPassword: 'Not-The-One-1', newPassword: 'Another-Secret-7' });
    expect([wrong.status, wrong.body.errors]).toEqual([400, [{ field: 'currentPassword', message: 'currentPassword is not your current password' }]]);
    const weak = await put(self, '/me/password', { currentPassword: PASSWORD, newPassword: 'selma' });
    expect(weak.status).toBe(400);
    expect(fieldsOf(weak).every((f) => f === 'newPassword')).toBe(true);
    expect(weak.body.errors.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining(['Password must be at least 8 characters long', "Password must not contain parts of the user's full name"]),
    );
    expect((await put(self, '/me/password', { currentPassword: PASSWORD, newPassword: 'Another-Secret-7', extra: 1 })).status).toBe(400);
    expect((await put(self, '/me/password', { currentPassword: PASSWORD, newPassword: 'Another-Secret-7' })).status).toBe(204);
    expect((await anonymous().post('/auth/login', { username: user.username, password: PASSWORD })).status).toBe(401);
    expect((await anonymous().post('/auth/login', { username: user.username, password: 'Another-Secret-7' })).status).toBe(200);
    expect((await anonymous().request('PUT', '/me/password', { currentPassword: PASSWORD, newPassword: 'Another-Secret-7' })).status).toBe(401);
  });

  it('keeps a domain while users of the organization still use it (domain usage asked of identity)', async () => {
    const domain = `extra${tag()}.example`;
    expect((await resellerA.post(`/organizations/${orgA.id}/domains`, { domain })).status).toBe(201);
    const user = await createUser(adminA, orgA, { username: `dora@${domain}` });
    expect((await del(adminA, `/organizations/${orgA.id}/domains/${domain}`)).status).toBe(409);
    expect((await del(adminA, `/organizations/${orgA.id}/users/${user.id}`)).status).toBe(204);
    expect((await del(adminA, `/organizations/${orgA.id}/domains/${domain}`)).status).toBe(204);
    const after = await adminA.post(`/organizations/${orgA.id}/users`, newUser(orgA, { username: `dora@${domain}` }));
    expect([after.status, fieldsOf(after)]).toEqual([400, ['username']]);
  });

  it('publishes user events for other services, never with a password or a hash', async () => {
    const org = await createOrganization(resellerA);
    await createUser(resellerA, org); // stays, so the organization counts one user
    const user = await createUser(resellerA, org, { password: 'Unique-Secret-Phrase-77' });
    expect((await patch(resellerA, `/organizations/${org.id}/users/${user.id}`, { lastName: 'Changed' })).status).toBe(200);
    expect((await resellerA.post(`/organizations/${org.id}/users/disable`, { userIds: [user.id] })).body.results[0].ok).toBe(true);
    expect((await resellerA.post(`/organizations/${org.id}/users/enable`, { userIds: [user.id] })).body.results[0].ok).toBe(true);
    expect((await del(resellerA, `/organizations/${org.id}/users/${user.id}`)).status).toBe(204);

    const nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      const jsm = await nats.jetstreamManager();
      const codec = JSONCodec<{ type: string; organizationId: string; data: Record<string, unknown> }>();
      for (const type of ['user-registered', 'user-changed', 'user-disabled', 'user-enabled', 'user-deleted']) {
        const envelope = await eventually(async () => {
          const message = await jsm.streams.getMessage(platform.names.eventStream, { last_by_subj: platform.names.eventSubject(`identity.${type}.v1`) }).catch(() => undefined);
          const decoded = message && codec.decode(message.data);
          return decoded?.data.userId === user.id ? decoded : undefined;
        }, 15_000, `identity.${type}.v1 of the user on JetStream`);
        expect(envelope).toMatchObject({ type: `identity.${type}.v1`, organizationId: org.id, data: { userId: user.id, organizationId: org.id } });
        expect(JSON.stringify(envelope)).not.toMatch(/Unique-Secret|argon2|password/i);
      }
    } finally {
      await nats.close();
    }
    // The organizations service counts the organization's users from these events.
    await eventually(async () => {
      const list = await resellerA.get('/organizations?limit=500');
      return list.body.items.find((item: { id: string; usersCount: number }) => item.id === org.id && item.usersCount === 1);
    }, 15_000, 'usersCount 1 (one created and kept, one created and deleted)');
  });

  it('documents every users endpoint and PUT /me/password in the OpenAPI document', async () => {
    const docs = await fetch(`${platform.baseUrl.replace(/\/api\/v1$/, '')}/api/docs-json`).then((r) => r.json() as Promise<{ paths: Record<string, Record<string, unknown>> }>);
    const methods = (path: string) => Object.keys(docs.paths[`/api/v1${path}`] ?? {}).sort();
    expect(methods('/organizations/{orgId}/users')).toEqual(['get', 'post']);
    expect(methods('/organizations/{orgId}/users/{userId}')).toEqual(['delete', 'get', 'patch']);
    expect(methods('/organizations/{orgId}/users/{userId}/password')).toEqual(['put']);
    expect(methods('/organizations/{orgId}/users/disable')).toEqual(['post']);
    expect(methods('/organizations/{orgId}/users/enable')).toEqual(['post']);
    expect(methods('/me/password')).toEqual(['put']);
    expect(JSON.stringify(docs.paths['/api/v1/me/password'])).toContain('currentPassword');
  });
});

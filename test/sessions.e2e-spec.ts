import { connect } from 'nats';
import { Client } from 'pg';
import { ApiClient, type ApiResponse } from './support/http-client';
import { createOrganization, createReseller, PASSWORD, tag, type Org } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * Sessions through the HTTP API with every service running: refresh tokens rotate and a spent one presented again
 * ends its whole session; logout ends one session, or every session of the user; a password change (own or by an
 * admin), disable (even when enabled again), delete and role change end every session of the user at once, so old
 * access tokens answer 401 on the next request and old refresh tokens answer 401; token answers are never cached.
 * Every token is used before the change that ends it, so the gateway has kept its verification (ADR 0035) and the
 * 401 comes from the revocation it follows, not from asking identity again.
 */
describe('sessions (end to end)', () => {
  const platform = new PlatformProcess();
  const anonymous = () => new ApiClient(platform.baseUrl);
  let db: Client;
  let resellerAdmin: ApiClient;
  let org: Org;

  const login = async (username: string, password = PASSWORD): Promise<Tokens> => {
    const response = await anonymous().post('/auth/login', { username, password });
    expect(response.status).toBe(200);
    return response.body as Tokens;
  };
  const refresh = (refreshToken: string): Promise<ApiResponse> => anonymous().post('/auth/refresh', { refreshToken });
  const meStatus = async (tokens: Tokens): Promise<number> => (await anonymous().as(tokens.accessToken).get('/me')).status;
  const refreshStatus = async (tokens: Tokens): Promise<number> => (await refresh(tokens.refreshToken)).status;
  /** Both tokens of a session, as the API answers them now: [GET /me, POST /auth/refresh]. */
  const statuses = async (tokens: Tokens): Promise<[number, number]> => [await meStatus(tokens), await refreshStatus(tokens)];

  const newUser = async (role = 'org_user'): Promise<{ id: string; username: string }> => {
    const username = `s${tag()}@${org.domain}`;
    const created = await resellerAdmin.post(`/organizations/${org.id}/users`, { username, firstName: 'Sam', lastName: 'Session', email: username, role, password: PASSWORD });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, username };
  };
  const sessionIdOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
  const sessionEvents = async (sessionId: string) =>
    (
      await db.query<{ type: string; data: Record<string, unknown> }>(
        `SELECT type, data FROM "${platform.names.schema('identity')}".es_events WHERE stream_id = $1 ORDER BY revision`,
        [`session-${sessionId}`],
      )
    ).rows;

  beforeAll(async () => {
    await platform.start();
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    const platformAdmin = await anonymous().login(platform.adminUsername, platform.adminPassword);
    resellerAdmin = await createReseller(platformAdmin, anonymous());
    org = await createOrganization(resellerAdmin);
  });

  afterAll(async () => {
    await db?.end();
    await platform.stop();
  });

  it('answers login and refresh with Cache-Control: no-store and Pragma: no-cache', async () => {
    const { username } = await newUser();
    const loggedIn = await anonymous().post('/auth/login', { username, password: PASSWORD });
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.headers.get('cache-control')).toBe('no-store');
    expect(loggedIn.headers.get('pragma')).toBe('no-cache');
    const refreshed = await refresh(loggedIn.body.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get('cache-control')).toBe('no-store');
    expect(refreshed.headers.get('pragma')).toBe('no-cache');
  });

  it('rotates refresh tokens: each refresh answers a new pair of the same session and spends the presented one', async () => {
    const { username } = await newUser();
    const first = await login(username);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number), user: { username } });
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(sessionIdOf(second.body.refreshToken)).toBe(sessionIdOf(first.refreshToken));
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect(await meStatus(third.body)).toBe(200);
    // Access tokens already handed out stay valid while the session lives.
    expect(await meStatus(first)).toBe(200);

    // The refresh events carry the address the gateway saw, and no token.
    const events = await sessionEvents(sessionIdOf(first.accessToken));
    expect(events.map((e) => e.type)).toEqual(['SessionOpened', 'SessionRefreshed', 'SessionRefreshed']);
    expect(events[1]!.data).toMatchObject({ generation: 1, sourceAddress: expect.stringContaining('127.0.0.1') });
    const stored = JSON.stringify(events);
    for (const token of [first, second.body as Tokens, third.body as Tokens]) {
      for (const part of [...token.accessToken.split('.'), ...token.refreshToken.split('.')]) expect(stored).not.toContain(part);
    }
  });

  it('revokes the whole session when a spent refresh token comes back (401), and leaves other sessions alone', async () => {
    const { username } = await newUser();
    const stolen = await login(username);
    const other = await login(username);
    const rotated = (await refresh(stolen.refreshToken)).body as Tokens;
    expect(await meStatus(rotated)).toBe(200);

    expect(await refreshStatus(stolen)).toBe(401);
    // Every token of the family is dead now: the newest refresh token and every access token.
    expect(await statuses(rotated)).toEqual([401, 401]);
    expect(await meStatus(stolen)).toBe(401);
    expect(await statuses(other)).toEqual([200, 200]);

    const events = await sessionEvents(sessionIdOf(stolen.accessToken));
    expect(events.map((e) => e.type)).toEqual(['SessionOpened', 'SessionRefreshed', 'SessionFamilyRevoked']);
    expect(events[2]!.data).toMatchObject({ reusedGeneration: 0, currentGeneration: 1 });
  });

  it('lets at most one of concurrent refreshes with the same token win', async () => {
    const { username } = await newUser();
    const session = await login(username);
    const answers = await Promise.all(Array.from({ length: 5 }, () => refresh(session.refreshToken)));
    const won = answers.filter((a) => a.status === 200);
    expect(won.length).toBeLessThanOrEqual(1);
    expect(answers.every((a) => a.status === 200 || a.status === 401)).toBe(true);
    // The losers presented a spent token: the session is revoked, the winner's new tokens included.
    const events = await sessionEvents(sessionIdOf(session.accessToken));
    expect(events.filter((e) => e.type === 'SessionRefreshed').length).toBeLessThanOrEqual(1);
    for (const w of won) expect(await statuses(w.body)).toEqual([401, 401]);
    expect(await meStatus(session)).toBe(401);
  });

  it('logs out of this session only (204): its access and refresh tokens answer 401, other sessions go on', async () => {
    const { username } = await newUser();
    const leaving = await login(username);
    const staying = await login(username);
    const client = anonymous().as(leaving.accessToken);
    expect(await meStatus(leaving)).toBe(200);
    expect((await client.post('/auth/logout', { surprise: true })).status).toBe(400);
    expect((await anonymous().post('/auth/logout', {})).status).toBe(401);

    const out = await client.post('/auth/logout', {});
    expect(out.status).toBe(204);
    expect(await statuses(leaving)).toEqual([401, 401]);
    expect((await client.post('/auth/logout', {})).status).toBe(401);
    expect(await statuses(staying)).toEqual([200, 200]);

    const events = await sessionEvents(sessionIdOf(leaving.accessToken));
    expect(events.map((e) => [e.type, e.data.reason])).toEqual([['SessionOpened', undefined], ['SessionEnded', 'logout']]);
  });

  it('signs out everywhere (everywhere: true, 204): every session of the user ends, a new login works', async () => {
    const { username } = await newUser();
    const sessions = [await login(username), await login(username), await login(username)];
    const neighbour = await login((await newUser()).username);
    for (const s of sessions) expect(await meStatus(s)).toBe(200);
    expect((await anonymous().as(sessions[0]!.accessToken).post('/auth/logout', { everywhere: true })).status).toBe(204);
    for (const s of sessions) expect(await statuses(s)).toEqual([401, 401]);
    expect(await statuses(neighbour)).toEqual([200, 200]);
    expect(await statuses(await login(username))).toEqual([200, 200]);
  });

  it('ends every session of a user who changes their own password, even the one that changed it', async () => {
    const { username } = await newUser();
    const changing = await login(username);
    const elsewhere = await login(username);
    expect([await meStatus(changing), await meStatus(elsewhere)]).toEqual([200, 200]);
    const changed = await anonymous().as(changing.accessToken).request('PUT', '/me/password', { currentPassword: PASSWORD, newPassword: 'Another-Secret-7' });
    expect(changed.status).toBe(204);
    expect(await statuses(changing)).toEqual([401, 401]);
    expect(await statuses(elsewhere)).toEqual([401, 401]);
    expect(await statuses(await login(username, 'Another-Secret-7'))).toEqual([200, 200]);
  });

  it('ends every session of a user whose password an admin sets', async () => {
    const user = await newUser();
    const before = await login(user.username);
    const refreshedBefore = (await refresh(before.refreshToken)).body as Tokens;
    expect([await meStatus(before), await meStatus(refreshedBefore)]).toEqual([200, 200]);
    expect((await resellerAdmin.request('PUT', `/organizations/${org.id}/users/${user.id}/password`, { password: 'Set-By-Admin-42' })).status).toBe(204);
    expect(await statuses(refreshedBefore)).toEqual([401, 401]);
    expect(await meStatus(before)).toBe(401);
    expect(await statuses(await login(user.username, 'Set-By-Admin-42'))).toEqual([200, 200]);
  });

  it('ends every session of a disabled user, and enabling them again revives none of it', async () => {
    const user = await newUser();
    const before = await login(user.username);
    expect(await meStatus(before)).toBe(200);
    expect((await resellerAdmin.post(`/organizations/${org.id}/users/disable`, { userIds: [user.id] })).body.results[0].ok).toBe(true);
    expect(await meStatus(before)).toBe(401);
    expect((await resellerAdmin.post(`/organizations/${org.id}/users/enable`, { userIds: [user.id] })).body.results[0].ok).toBe(true);
    expect(await statuses(before)).toEqual([401, 401]);
    expect(await statuses(await login(user.username))).toEqual([200, 200]);
  });

  it('ends every session of a deleted user', async () => {
    const user = await newUser();
    const before = await login(user.username);
    expect(await meStatus(before)).toBe(200);
    expect((await resellerAdmin.request('DELETE', `/organizations/${org.id}/users/${user.id}`)).status).toBe(204);
    expect(await statuses(before)).toEqual([401, 401]);
  });

  it('ends every session of a user whose role changes, and none when only their name changes', async () => {
    const user = await newUser('org_viewer');
    const before = await login(user.username);
    expect((await resellerAdmin.request('PATCH', `/organizations/${org.id}/users/${user.id}`, { lastName: 'Renamed' })).status).toBe(200);
    expect(await meStatus(before)).toBe(200);
    expect((await resellerAdmin.request('PATCH', `/organizations/${org.id}/users/${user.id}`, { role: 'org_admin' })).status).toBe(200);
    expect(await statuses(before)).toEqual([401, 401]);
    const after = await login(user.username);
    expect((await anonymous().as(after.accessToken).get('/me')).body).toMatchObject({ role: 'org_admin' });
  });

  it('answers repeated requests of a token without asking identity each time, and asks again once its session ends', async () => {
    const nats = await connect({ servers: platform.natsUrl, name: 'verify-token-counter' });
    let asked = 0;
    const counter = nats.subscribe(`${platform.names.rpcPrefix}identity.auth.verify-token`, { callback: () => asked++ });
    try {
      const { username } = await newUser();
      const tokens = await login(username);
      await nats.flush();
      for (let i = 0; i < 10; i++) expect(await meStatus(tokens)).toBe(200);
      expect(asked).toBe(1);
      expect((await anonymous().as(tokens.accessToken).post('/auth/logout', {})).status).toBe(204);
      const afterLogout = asked;
      expect(await meStatus(tokens)).toBe(401);
      expect(await meStatus(tokens)).toBe(401);
      // Refused by the revocation the gateway follows, then by identity itself: nothing keeps a refused token.
      expect(asked - afterLogout).toBe(2);
    } finally {
      counter.unsubscribe();
      await nats.close();
    }
  });

  it('documents logout in the OpenAPI document', async () => {
    const docs = await fetch(`${platform.baseUrl.replace(/\/api\/v1$/, '')}/api/docs-json`).then((r) => r.json() as Promise<{ paths: Record<string, Record<string, unknown>> }>);
    expect(Object.keys(docs.paths['/api/v1/auth/logout'])).toEqual(['post']);
    expect(JSON.stringify(docs.paths['/api/v1/auth/logout'])).toContain('everywhere');
  });
});

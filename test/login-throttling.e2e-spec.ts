import { request as httpRequest } from 'node:http';
import { Client } from 'pg';
import { ApiClient, type ApiResponse } from './support/http-client';
import { PASSWORD, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Login throttling through the HTTP API. Clients come through an ingress: requests from 127.0.0.2 (the only
 * trusted proxy) say in X-Forwarded-For which address they come from, so each case plays many addresses; requests
 * from 127.0.0.1 come straight from a client whose X-Forwarded-For must be ignored. An attacker's pair (account,
 * address) is refused past its limit while the owner signs in from elsewhere; an attack spread over many addresses
 * meets growing delays, never a lock; every attempt is a sign-in event with the address as the ingress saw it.
 */
const WINDOW_SECONDS = 60;
const PAIR_MAX = 3;
const ACCOUNT_FREE = 4;
const ACCOUNT_MAX_DELAY = 8;
const ADDRESS_MAX = 10;
const INGRESS = '127.0.0.2';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The platform admin's first login. /health can answer before identity has created the bootstrap admin, so the
 * first attempts may fail: retry for a while (slowly, so the login throttle is not provoked).
 */
async function loginPlatformAdmin(anonymous: ApiClient, platform: PlatformProcess): Promise<ApiClient> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await anonymous.post('/auth/login', { username: platform.adminUsername, password: platform.adminPassword });
    if (response.status === 200) return anonymous.as(response.body.accessToken);
    if (Date.now() > deadline) throw new Error(`The platform admin cannot log in: ${response.status} ${JSON.stringify(response.body)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

interface LoginAnswer {
  status: number;
  retryAfter: number | null;
  contentType: string | undefined;
  body: any;
}

describe('login throttling (end to end)', () => {
  const platform = new PlatformProcess({
    env: {
      TRUSTED_PROXIES: INGRESS,
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      LOGIN_THROTTLE_PAIR_MAX_FAILURES: String(PAIR_MAX),
      LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES: String(ACCOUNT_FREE),
      LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS: String(ACCOUNT_MAX_DELAY),
      LOGIN_THROTTLE_ADDRESS_MAX_FAILURES: String(ADDRESS_MAX),
    },
  });
  let anonymous: ApiClient;
  let resellerAdmin: ApiClient;
  let db: Client;

  /** POST /auth/login from a loopback address of our choosing (the ingress, or a client straight). */
  const loginFrom = (from: string, username: string, password: string, forwardedFor?: string): Promise<LoginAnswer> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ username, password });
      const req = httpRequest(
        {
          host: '127.0.0.1', port: platform.port, path: '/api/v1/auth/login', method: 'POST', localAddress: from,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const retryAfter = res.headers['retry-after'];
            resolve({ status: res.statusCode!, retryAfter: retryAfter === undefined ? null : Number(retryAfter), contentType: res.headers['content-type'], body: text ? JSON.parse(text) : undefined });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  /** Through the ingress, for a client at `client`. */
  const loginAs = (client: string, username: string, password: string) => loginFrom(INGRESS, username, password, client);

  /** A fresh address of a benchmarking range for each use: cases never share an address log. */
  let nextHost = 1;
  const freshAddress = (): string => `198.18.${Math.floor(nextHost / 250)}.${(nextHost++ % 250) + 1}`;

  const newUser = async (): Promise<{ username: string; userId: string }> => {
    const t = tag();
    const username = `admin@throttle${t}.example`;
    const admin = await loginPlatformAdmin(anonymous, platform);
    const created = await admin.post('/resellers', {
      name: `Throttle ${t}`, currency: 'EUR', notificationEmail: `n@throttle${t}.example`, supportEmail: `s@throttle${t}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
    });
    expect(created.status).toBe(201);
    const me = await (await anonymous.login(username, PASSWORD)).get('/me');
    return { username, userId: me.body.id as string };
  };

  const signInEventsOf = async (userId: string): Promise<{ type: string; data: Record<string, unknown> }[]> => {
    const rows = await db.query<{ type: string; data: Record<string, unknown> }>(
      `SELECT type, data FROM "${platform.names.schema('identity')}".es_events WHERE stream_id = $1 ORDER BY transaction_id, seq`,
      [`signin-${userId}`],
    );
    return rows.rows;
  };

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    const admin = await loginPlatformAdmin(anonymous, platform);
    const t = tag();
    const username = `admin@throttle-org${t}.example`;
    const created = await admin.post('/resellers', {
      name: `Throttle org ${t}`, currency: 'EUR', notificationEmail: `n@throttle-org${t}.example`, supportEmail: `s@throttle-org${t}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
    });
    expect(created.status).toBe(201);
    resellerAdmin = await anonymous.login(username, PASSWORD);
  });

  afterAll(async () => {
    await db?.end();
    await platform.stop();
  });

  it("refuses the attacker's pair past its limit (429 with Retry-After, even with the right password), while the owner signs in at once from another address", async () => {
    const { username } = await newUser();
    const attacker = freshAddress();
    const answers: LoginAnswer[] = [];
    for (let i = 0; i < 10; i++) answers.push(await loginAs(attacker, username, `Wrong-Passw0rd-${i}!`));
    expect(answers.map((a) => a.status)).toEqual([...Array(PAIR_MAX).fill(401), ...Array(10 - PAIR_MAX).fill(429)]);

    const throttled = answers[answers.length - 1]!;
    expect(throttled.contentType).toContain('application/problem+json');
    expect(throttled.body).toMatchObject({ status: 429, code: 'AUTH.THROTTLED' });
    expect(Number.isInteger(throttled.retryAfter)).toBe(true);
    expect(throttled.retryAfter).toBeGreaterThanOrEqual(1);
    expect(throttled.retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    // The pair is refused before any password is looked at.
    expect((await loginAs(attacker, username, PASSWORD)).status).toBe(429);

    // The owner, from elsewhere, is not kept out: through the ingress, and straight.
    const started = Date.now();
    expect((await loginAs(freshAddress(), username, PASSWORD)).status).toBe(200);
    expect((await loginFrom('127.0.0.1', username, PASSWORD)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    // The owner's success does not open the attacker's pair.
    expect((await loginAs(attacker, username, 'Wrong-Passw0rd-x!')).status).toBe(429);
  });

  it('meets an attack spread over many addresses with growing delays, never a lock, and lets the owner in within the longest delay', async () => {
    const { username } = await newUser();
    const statuses: number[] = [];
    for (let i = 0; i < ACCOUNT_FREE; i++) statuses.push((await loginAs(freshAddress(), username, `Wrong-Passw0rd-${i}!`)).status);
    expect(statuses).toEqual(Array(ACCOUNT_FREE).fill(401));

    // Each address guesses once, as fast as it may: refused with a Retry-After, it waits exactly that and guesses.
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const guess = await loginAs(freshAddress(), username, `Wrong-Passw0rd-more-${i}!`);
      // A guess slower than the delay (a busy machine) is heard at once.
      if (guess.status === 401) continue;
      expect(guess.status).toBe(429);
      expect(guess.body).toMatchObject({ code: 'AUTH.THROTTLED' });
      waits.push(guess.retryAfter!);
      await sleep(guess.retryAfter! * 1000);
      // Never a lock: after the wait, a guess is heard again (and fails).
      expect((await loginAs(freshAddress(), username, `Wrong-Passw0rd-late-${i}!`)).status).toBe(401);
    }
    expect(waits.length).toBeGreaterThanOrEqual(3);
    // The delays grow (1, 2, 4, 8, 8 seconds, less the time each guess took), up to the maximum and no further.
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(waits[waits.length - 1]!).toBeGreaterThan(waits[0]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(ACCOUNT_MAX_DELAY);

    // Right after the burst, the owner waits at most the longest delay.
    const started = Date.now();
    let owner = await loginAs(freshAddress(), username, PASSWORD);
    if (owner.status === 429) {
      expect(owner.retryAfter).toBeLessThanOrEqual(ACCOUNT_MAX_DELAY);
      await sleep(owner.retryAfter! * 1000);
      owner = await loginAs(freshAddress(), username, PASSWORD);
    }
    expect(owner.status).toBe(200);
    expect(Date.now() - started).toBeLessThan((ACCOUNT_MAX_DELAY + 3) * 1000);
    // The owner's success starts the account afresh.
    expect((await loginAs(freshAddress(), username, 'Wrong-Passw0rd!')).status).toBe(401);
  });

  it('lets the owner in at once from an address it signed in from before, while new addresses still wait', async () => {
    // newUser signed the owner in from 127.0.0.1: the account knows that address.
    const { username } = await newUser();
    for (let i = 0; i < ACCOUNT_FREE; i++) expect((await loginAs(freshAddress(), username, `Wrong-Passw0rd-${i}!`)).status).toBe(401);
    // Spread guesses until the delay is long (4 s or more)...
    let delay = 0;
    for (let i = 0; i < 6 && delay < 4; i++) {
      const guess = await loginAs(freshAddress(), username, `Wrong-Passw0rd-more-${i}!`);
      if (guess.status !== 429) continue;
      delay = guess.retryAfter!;
      if (delay < 4) await sleep(delay * 1000);
    }
    expect(delay).toBeGreaterThanOrEqual(4);
    // ...then a new address must wait, and the owner at a known place need not.
    expect((await loginAs(freshAddress(), username, PASSWORD)).status).toBe(429);
    expect((await loginFrom('127.0.0.1', username, PASSWORD)).status).toBe(200);
  });

  it('throttles one source address across accounts at its own limit', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < ADDRESS_MAX + 2; i++) statuses.push((await loginAs(address, `nobody${i}-${tag()}@nowhere.example`, 'Wrong-Passw0rd!')).status);
    expect(statuses).toEqual([...Array(ADDRESS_MAX).fill(401), 429, 429]);
    // Other addresses are not affected.
    expect((await loginAs(freshAddress(), `nobody-else-${tag()}@nowhere.example`, 'Wrong-Passw0rd!')).status).toBe(401);
  });

  it('records every sign-in attempt as an event with the address seen through the trusted ingress, ignoring X-Forwarded-For from anyone else', async () => {
    const { username, userId } = await newUser();
    const before = (await signInEventsOf(userId)).length;

    // Through the ingress: the client's address is the last one the ingress added (the one before it is the client's own claim).
    expect((await loginFrom(INGRESS, username, PASSWORD, '10.9.9.9, 203.0.113.77')).status).toBe(200);
    // Straight from a client at 127.0.0.1, which is no trusted proxy: its X-Forwarded-For counts for nothing.
    expect((await loginFrom('127.0.0.1', username, 'Wrong-Passw0rd!', '203.0.113.88')).status).toBe(401);
    // Past the pair's limit from one address.
    for (let i = 0; i < PAIR_MAX; i++) expect((await loginFrom(INGRESS, username, 'Wrong-Passw0rd!', '203.0.113.99')).status).toBe(401);
    const refused = await loginFrom(INGRESS, username, 'Wrong-Passw0rd!', '203.0.113.99');
    expect(refused.status).toBe(429);

    const events = (await signInEventsOf(userId)).slice(before);
    expect(events.map((e) => [e.type, e.data.sourceAddress])).toEqual([
      ['SignInSucceeded', '203.0.113.77'],
      ['SignInFailed', '127.0.0.1'],
      ['SignInFailed', '203.0.113.99'],
      ['SignInFailed', '203.0.113.99'],
      ['SignInFailed', '203.0.113.99'],
      ['SignInThrottled', '203.0.113.99'],
    ]);
    for (const event of events) expect(event.data).toMatchObject({ userId, at: expect.any(String) });
    expect(events[1]!.data).toMatchObject({ reason: 'wrong_password', usernameDigest: null });
    expect(events[5]!.data).toMatchObject({ limit: 'pair', retryAfterSeconds: refused.retryAfter });
    expect(JSON.stringify(events)).not.toMatch(/Passw0rd|Xq9/);
  });

  it('keeps no username that belongs to nobody (a password typed into the username field) and no password anywhere', async () => {
    const pasted = `Pasted-Secret-${tag()}!`;
    expect((await loginAs('203.0.113.55', pasted, 'Wrong-Passw0rd!')).status).toBe(401);
    const identity = `"${platform.names.schema('identity')}"`;
    const failed = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM ${identity}.es_events WHERE type = 'SignInFailed' AND data->>'sourceAddress' = '203.0.113.55'`,
    );
    expect(failed.rows).toHaveLength(1);
    expect(failed.rows[0]!.data).toMatchObject({ userId: null, reason: 'unknown_user', usernameDigest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const anywhere = await db.query(
      `SELECT 1 FROM ${identity}.es_events WHERE data::text ILIKE $1 OR data::text ILIKE '%Wrong-Passw0rd%'
       UNION ALL SELECT 1 FROM ${identity}.rm_documents WHERE id ILIKE $1 OR data::text ILIKE $1`,
      [`%${pasted}%`],
    );
    expect(anywhere.rows).toHaveLength(0);
  });

  it('answers a wrong password, an unknown user and a disabled user with the same 401', async () => {
    const domain = `throttle${tag()}.example`;
    const org = await resellerAdmin.post('/organizations', { name: 'Throttle Org', primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(org.status).toBe(201);
    const username = `dana@${domain}`;
    const user = await resellerAdmin.post(`/organizations/${org.body.id}/users`, { username, firstName: 'Dana', lastName: 'Quist', email: username, role: 'org_user', password: PASSWORD });
    expect(user.status).toBe(201);
    const login = (name: string, password: string): Promise<ApiResponse> => anonymous.post('/auth/login', { username: name, password });
    expect((await login(username, PASSWORD)).status).toBe(200);
    const disabled = await resellerAdmin.post(`/organizations/${org.body.id}/users/disable`, { userIds: [user.body.id] });
    expect(disabled.status).toBe(200);

    const wrong = await login(username, 'Wrong-Passw0rd!');
    const unknown = await login(`ghost@${domain}`, 'Wrong-Passw0rd!');
    const disabledRight = await login(username, PASSWORD);
    for (const response of [wrong, unknown, disabledRight]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('retry-after')).toBeNull();
    }
    expect(new Set([wrong, unknown, disabledRight].map((r) => JSON.stringify(r.body))).size).toBe(1);
    // Only the record tells them apart.
    const reasons = (await signInEventsOf(user.body.id as string)).filter((e) => e.type === 'SignInFailed').map((e) => e.data.reason);
    expect(reasons).toEqual(['wrong_password', 'user_not_active']);
  });
});

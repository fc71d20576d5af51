import { ApiClient, type ApiResponse } from './support/http-client';
import { PASSWORD, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Login throttling through the HTTP API, with a short window so the test can wait it out: per account (even the
 * right password is refused while throttled, and works again after the window), reset by a successful login, per
 * source address (a higher limit, across accounts), and one 401 for a wrong password, an unknown user and a
 * disabled user.
 */
const WINDOW_SECONDS = 4;
const ACCOUNT_MAX = 5;
const ADDRESS_MAX = 12;
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

describe('login throttling (end to end)', () => {
  const platform = new PlatformProcess({
    env: {
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
      LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES: String(ACCOUNT_MAX),
      LOGIN_THROTTLE_ADDRESS_MAX_FAILURES: String(ADDRESS_MAX),
    },
  });
  let anonymous: ApiClient;
  let resellerAdmin: ApiClient;

  const login = (username: string, password: string): Promise<ApiResponse> => anonymous.post('/auth/login', { username, password });

  /** Waits until every attempt logged so far has aged out of the window. */
  const waitOutWindow = () => sleep(WINDOW_SECONDS * 1000 + 500);

  const newReseller = async (): Promise<{ username: string; client: ApiClient }> => {
    const t = tag();
    const username = `admin@throttle${t}.example`;
    const admin = await loginPlatformAdmin(anonymous, platform);
    const created = await admin.post('/resellers', {
      name: `Throttle ${t}`, currency: 'EUR', notificationEmail: `n@throttle${t}.example`, supportEmail: `s@throttle${t}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
    });
    expect(created.status).toBe(201);
    return { username, client: await anonymous.login(username, PASSWORD) };
  };

  beforeAll(async () => {
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    resellerAdmin = (await newReseller()).client;
  });

  afterAll(async () => {
    await platform.stop();
  });

  beforeEach(async () => {
    // Every case starts with an empty address log (all requests come from 127.0.0.1).
    await waitOutWindow();
  });

  it('throttles 30 wrong passwords in a row for one account (429 with Retry-After), then lets the right password in after the window', async () => {
    const { username } = await newReseller();
    const statuses: number[] = [];
    let lastThrottled: ApiResponse | undefined;
    for (let i = 0; i < 30; i++) {
      const response = await login(username, `Wrong-Passw0rd-${i}!`);
      statuses.push(response.status);
      if (response.status === 429) lastThrottled = response;
    }
    expect(statuses.slice(0, ACCOUNT_MAX)).toEqual(Array(ACCOUNT_MAX).fill(401));
    expect(statuses.slice(ACCOUNT_MAX)).toEqual(Array(30 - ACCOUNT_MAX).fill(429));

    expect(lastThrottled!.headers.get('content-type')).toContain('application/problem+json');
    expect(lastThrottled!.body).toMatchObject({ status: 429, code: 'AUTH.THROTTLED' });
    const retryAfter = Number(lastThrottled!.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);

    // Even the right password waits while the account is throttled...
    const rightTooSoon = await login(username, PASSWORD);
    expect(rightTooSoon.status).toBe(429);
    // ...and works once the window has freed up (refused attempts did not extend it).
    await sleep(Number(rightTooSoon.headers.get('retry-after')) * 1000 + 250);
    expect((await login(username, PASSWORD)).status).toBe(200);
  });

  it('starts an account afresh after a successful login', async () => {
    const { username } = await newReseller();
    for (let i = 0; i < ACCOUNT_MAX - 1; i++) expect((await login(username, 'Wrong-Passw0rd!')).status).toBe(401);
    expect((await login(username, PASSWORD)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_MAX - 1; i++) expect((await login(username, 'Wrong-Passw0rd!')).status).toBe(401);
    expect((await login(username, PASSWORD)).status).toBe(200);
  });

  it('throttles one source address across accounts at its higher limit, and not for longer than the window', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ADDRESS_MAX + 3; i++) statuses.push((await login(`nobody${i}-${tag()}@nowhere.example`, 'Wrong-Passw0rd!')).status);
    expect(statuses.slice(0, ADDRESS_MAX)).toEqual(Array(ADDRESS_MAX).fill(401));
    expect(statuses.slice(ADDRESS_MAX)).toEqual([429, 429, 429]);

    const username = `nobody-else-${tag()}@nowhere.example`;
    const blocked = await login(username, 'Wrong-Passw0rd!');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    await waitOutWindow();
    expect((await login(username, 'Wrong-Passw0rd!')).status).toBe(401);
  });

  it('answers a wrong password, an unknown user and a disabled user with the same 401', async () => {
    const domain = `throttle${tag()}.example`;
    const org = await resellerAdmin.post('/organizations', { name: 'Throttle Org', primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(org.status).toBe(201);
    const username = `dana@${domain}`;
    const user = await resellerAdmin.post(`/organizations/${org.body.id}/users`, { username, firstName: 'Dana', lastName: 'Quist', email: username, role: 'org_user', password: PASSWORD });
    expect(user.status).toBe(201);
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
  });
});

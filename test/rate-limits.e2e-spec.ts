import { ApiClient } from './support/http-client';
import { PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Rate limits through the HTTP API of two gateway replicas (each on its own port, as behind a load balancer), with
 * low limits and short windows: the replicas share their counts, so requests spread over both are limited at the
 * limit, not twice it. Each case starts at the beginning of a window (windows are aligned on the clock) and sends
 * from addresses of its own (X-Forwarded-For, trusted from loopback).
 */
const WINDOW_SECONDS = 6;
const USER_MAX = 10;
const ADDRESS_MAX = 16;
const AUTH_MAX = 4;
const REPLICAS = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  replica: number;
  status: number;
  headers: Headers;
  body: any;
}

describe('rate limits shared across gateway replicas (end to end)', () => {
  const platform = new PlatformProcess({
    replicas: { gateway: REPLICAS },
    env: {
      RATE_LIMIT_USER_MAX: String(USER_MAX),
      RATE_LIMIT_USER_WINDOW_SECONDS: String(WINDOW_SECONDS),
      RATE_LIMIT_ADDRESS_MAX: String(ADDRESS_MAX),
      RATE_LIMIT_ADDRESS_WINDOW_SECONDS: String(WINDOW_SECONDS),
      RATE_LIMIT_AUTH_MAX: String(AUTH_MAX),
      RATE_LIMIT_AUTH_WINDOW_SECONDS: String(WINDOW_SECONDS),
    },
  });
  let adminToken: string;
  let resellerToken: string;

  const send = async (replica: number, method: string, path: string, options: { token?: string; address: string; body?: unknown }): Promise<Answer> => {
    const response = await fetch(`${platform.baseUrlOf(replica)}${path}`, {
      method,
      headers: {
        'x-forwarded-for': options.address,
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { replica, status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };

  /** Waits for the next window to begin (every replica and this process read the same clock). */
  const freshWindow = async () => {
    const windowMs = WINDOW_SECONDS * 1000;
    await sleep(windowMs - (Date.now() % windowMs) + 150);
  };

  const expectLimited = (answer: Answer, policy: string) => {
    expect(answer.status).toBe(429);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    const retryAfter = Number(answer.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(answer.headers.get('ratelimit')).toMatch(new RegExp(`"${policy}";r=0;t=\\d+`));
    expect(answer.headers.get('ratelimit-policy')).toContain(`"${policy}";q=`);
  };

  beforeAll(async () => {
    await platform.start();
    const anonymous = new ApiClient(platform.baseUrl);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const login = await anonymous.post('/auth/login', { username: platform.adminUsername, password: platform.adminPassword });
      if (login.status === 200) {
        adminToken = login.body.accessToken;
        break;
      }
      if (Date.now() > deadline) throw new Error(`The platform admin cannot log in: ${login.status}`);
      await sleep(1500);
    }
    const reseller = await registerReseller(anonymous.as(adminToken), `limits${tag()}`);
    const login = await anonymous.post('/auth/login', { username: reseller.username, password: PASSWORD });
    expect(login.status).toBe(200);
    resellerToken = login.body.accessToken;
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('limits a user at the shared limit across both replicas and any addresses (not twice it), with RateLimit headers on every answer, and lets them in again after the window', async () => {
    await freshWindow();
    const answers: Answer[] = [];
    for (let i = 0; i < 2 * USER_MAX; i++) answers.push(await send(i % REPLICAS, 'GET', '/me', { token: resellerToken, address: `198.51.100.${i + 1}` }));

    const admitted = answers.filter((a) => a.status === 200);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429)).toEqual([]);
    // Shares are rounded up: at most one more than the limit with two replicas, never twice the limit.
    expect(admitted.length).toBeGreaterThanOrEqual(USER_MAX - 1);
    expect(admitted.length).toBeLessThanOrEqual(USER_MAX + REPLICAS - 1);
    expect(new Set(admitted.map((a) => a.replica)).size).toBe(REPLICAS);
    for (const answer of admitted) {
      expect(answer.headers.get('ratelimit-policy')).toBe(`"address";q=${ADDRESS_MAX};w=${WINDOW_SECONDS}, "user";q=${USER_MAX};w=${WINDOW_SECONDS}`);
      expect(answer.headers.get('ratelimit')).toMatch(/^"address";r=\d+;t=\d+, "user";r=\d+;t=\d+$/);
    }
    const refused = answers.filter((a) => a.status === 429);
    expect(new Set(refused.map((a) => a.replica)).size).toBe(REPLICAS);
    for (const answer of refused) expectLimited(answer, 'user');

    await freshWindow();
    const again = await send(1, 'GET', '/me', { token: resellerToken, address: '198.51.100.200' });
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit')).toMatch(new RegExp(`"user";r=${USER_MAX - 1};t=\\d+$`));
  });

  it('limits an address at the shared limit across users and anonymous callers on both replicas', async () => {
    await freshWindow();
    const callers = [adminToken, resellerToken, undefined];
    const answers: Answer[] = [];
    for (let i = 0; i < 2 * ADDRESS_MAX; i++) answers.push(await send(i % REPLICAS, 'GET', '/me', { token: callers[i % callers.length], address: '192.0.2.10' }));

    const notLimited = answers.filter((a) => a.status !== 429);
    expect(notLimited.length).toBeGreaterThanOrEqual(ADDRESS_MAX - 1);
    expect(notLimited.length).toBeLessThanOrEqual(ADDRESS_MAX + REPLICAS - 1);
    // Anonymous callers are counted too (their 401 carries the address's RateLimit).
    expect(notLimited.some((a) => a.status === 401 && /^"address";r=\d+;t=\d+$/.test(a.headers.get('ratelimit') ?? ''))).toBe(true);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) expectLimited(answer, 'address');

    // Another address is not affected.
    expect((await send(0, 'GET', '/me', { token: adminToken, address: '192.0.2.11' })).status).toBe(200);
  });

  it('counts IPv6 callers by their /64, whichever address in it they use', async () => {
    await freshWindow();
    const answers: Answer[] = [];
    for (let i = 0; i < 2 * ADDRESS_MAX; i++) answers.push(await send(i % REPLICAS, 'GET', '/me', { address: `2001:db8:7:7::${(i + 1).toString(16)}` }));
    const notLimited = answers.filter((a) => a.status !== 429);
    expect(notLimited.length).toBeGreaterThanOrEqual(ADDRESS_MAX - 1);
    expect(notLimited.length).toBeLessThanOrEqual(ADDRESS_MAX + REPLICAS - 1);
    for (const answer of answers.filter((a) => a.status === 429)) expectLimited(answer, 'address');
    // The next /64 is another caller.
    expect((await send(0, 'GET', '/me', { address: '2001:db8:7:8::1' })).status).toBe(401);
  });

  it('throttles refresh (and login) per address at the stricter auth limit, shared across replicas', async () => {
    await freshWindow();
    const answers: Answer[] = [];
    for (let i = 0; i < 2 * AUTH_MAX; i++) answers.push(await send(i % REPLICAS, 'POST', '/auth/refresh', { address: '192.0.2.20', body: { refreshToken: `not-a-token-${i}` } }));

    const notLimited = answers.filter((a) => a.status !== 429);
    expect(notLimited.length).toBeGreaterThanOrEqual(AUTH_MAX - 1);
    expect(notLimited.length).toBeLessThanOrEqual(AUTH_MAX + REPLICAS - 1);
    for (const answer of notLimited) expect(answer.headers.get('ratelimit-policy')).toBe(`"address";q=${ADDRESS_MAX};w=${WINDOW_SECONDS}, "auth";q=${AUTH_MAX};w=${WINDOW_SECONDS}`);
    for (const answer of answers.filter((a) => a.status === 429)) expectLimited(answer, 'auth');

    const login = await send(0, 'POST', '/auth/login', { address: '192.0.2.20', body: { username: platform.adminUsername, password: platform.adminPassword } });
    expectLimited(login, 'auth');
    // The same address may still call the rest of the API.
    expect((await send(1, 'GET', '/me', { token: adminToken, address: '192.0.2.20' })).status).toBe(200);
  });

  it('leaves /health out of every limit and reports that the counts are shared between the replicas', async () => {
    await freshWindow();
    for (let i = 0; i < ADDRESS_MAX + 4; i++) {
      const health = await send(i % REPLICAS, 'GET', '/health', { address: '192.0.2.30' });
      expect(health.status).toBe(200);
      expect(health.headers.get('ratelimit')).toBeNull();
      expect(health.body.gateway.rateLimits).toEqual({ sharing: 'shared', replicas: REPLICAS });
    }
  });

  it('documents the 429 and the RateLimit headers in the OpenAPI document', async () => {
    const response = await fetch(`${platform.baseUrl.replace(/\/api\/v1$/, '')}/api/docs-json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };
    const me = document.paths['/api/v1/me']!.get!;
    expect(Object.keys(me.responses['429']!.headers ?? {})).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit', 'RateLimit-Policy']));
    expect(Object.keys(me.responses['200']!.headers ?? {})).toEqual(expect.arrayContaining(['RateLimit', 'RateLimit-Policy']));
    expect(document.paths['/api/v1/health']!.get!.responses['429']).toBeUndefined();
  });
});

import { createLogger } from '@broker/platform';
import { PostgresConnection, PostgresDocumentStore } from '@broker/postgres';
import { createTestSchema } from '@broker/postgres/testing';
import type { IdentityConfig } from '../../identity.config';
import { LoginThrottle, LOGIN_THROTTLE_COLLECTION } from './login-throttle';
import { LoginThrottledError } from './login-throttled.error';

/**
 * The login throttle against real PostgreSQL: two replicas (each its own pool and store over one schema) count the
 * same attempts, parallel attempts cannot slip past the limits, an account meets growing delays but never a lock,
 * and successes and the sweep clean up.
 */
const config = {
  JWT_SECRET: 'int-spec-secret-that-is-long-enough-for-hs256',
  LOGIN_THROTTLE_WINDOW_SECONDS: 60,
  LOGIN_THROTTLE_PAIR_MAX_FAILURES: 3,
  LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES: 5,
  LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS: 8,
  LOGIN_THROTTLE_ADDRESS_MAX_FAILURES: 8,
  LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS: 30,
} as IdentityConfig;
const logger = createLogger({ service: 'identity', level: 'silent' });
const t0 = Date.UTC(2026, 2, 16, 9, 0, 0);

describe('LoginThrottle on PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof createTestSchema>>;
  let connections: PostgresConnection[];
  let replicaA: LoginThrottle;
  let replicaB: LoginThrottle;
  let store: PostgresDocumentStore;

  beforeEach(async () => {
    schema = await createTestSchema('throttle');
    connections = [0, 1].map(() => new PostgresConnection({ databaseUrl: schema.databaseUrl, schema: schema.schema, maxConnections: 10 }));
    await connections[0]!.ensureSchema();
    const stores = connections.map((c) => new PostgresDocumentStore(c));
    for (const s of stores) await s.init();
    store = stores[0]!;
    [replicaA, replicaB] = stores.map((s) => new LoginThrottle(s, config, logger)) as [LoginThrottle, LoginThrottle];
  });

  afterEach(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await schema.drop();
  });

  const outcome = (attempt: Promise<unknown>): Promise<'allowed' | number> =>
    attempt.then(
      () => 'allowed' as const,
      (error: unknown) => {
        if (error instanceof LoginThrottledError) return error.retryAfterSeconds;
        throw error;
      },
    );

  it('counts the attempts of every replica against one account: past the free ones, each waits a growing delay', async () => {
    for (let i = 0; i < 3; i++) await replicaA.begin('Anna@Contoso.com', undefined, t0 + i * 1000);
    for (let i = 3; i < 5; i++) await replicaB.begin('anna@contoso.com', undefined, t0 + i * 1000);
    // Five failures (the last at t0 + 4 s): the sixth waits 1 s after it, the seventh 2 s after the sixth.
    expect(await outcome(replicaA.begin('anna@contoso.com', undefined, t0 + 4500))).toBe(1);
    expect(await outcome(replicaB.begin('ANNA@contoso.com', undefined, t0 + 5000))).toBe('allowed');
    expect(await outcome(replicaA.begin('anna@contoso.com', undefined, t0 + 5500))).toBe(2);
    expect(await outcome(replicaB.begin('anna@contoso.com', undefined, t0 + 7000))).toBe('allowed');
  });

  it('refuses a pair past its limit, while the account stays open to other addresses', async () => {
    for (let i = 0; i < 3; i++) await replicaA.begin('gil@contoso.com', '203.0.113.5', t0 + i);
    expect(await outcome(replicaB.begin('gil@contoso.com', '203.0.113.5', t0 + 1000))).toBe(59);
    expect(await outcome(replicaB.begin('gil@contoso.com', '198.51.100.5', t0 + 1000))).toBe('allowed');
  });

  it('lets no more parallel attempts through than the free ones and the delays allow', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => outcome((i % 2 ? replicaA : replicaB).begin('bo@contoso.com', undefined, t0))));
    const allowed = results.filter((r) => r === 'allowed').length;
    expect(allowed).toBeGreaterThanOrEqual(1);
    expect(allowed).toBeLessThanOrEqual(config.LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES);
  });

  it('lets no more parallel attempts of one pair through than its limit', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => outcome((i % 2 ? replicaA : replicaB).begin('pat@contoso.com', '203.0.113.6', t0))));
    const allowed = results.filter((r) => r === 'allowed').length;
    expect(allowed).toBeGreaterThanOrEqual(1);
    expect(allowed).toBeLessThanOrEqual(config.LOGIN_THROTTLE_PAIR_MAX_FAILURES);
  });

  it('throttles an address across accounts at its own limit, and reserves nothing for a refused attempt', async () => {
    for (let i = 0; i < 8; i++) await replicaA.begin(`user${i}@contoso.com`, '203.0.113.7', t0);
    expect(await outcome(replicaB.begin('fresh@contoso.com', '203.0.113.7', t0 + 1000))).toBe(59);
    // The refused attempt left no trace on the account: it still has all its free places.
    for (let i = 0; i < 5; i++) expect(await outcome(replicaB.begin('fresh@contoso.com', `198.51.100.${i}`, t0 + 2000))).toBe('allowed');
    // Another address is not affected.
    expect(await outcome(replicaA.begin('other@contoso.com', '198.51.100.20', t0 + 1000))).toBe('allowed');
  });

  it('clears the account and the pair after a successful login', async () => {
    for (let i = 0; i < 2; i++) await replicaA.begin('cy@contoso.com', '203.0.113.8', t0);
    for (let i = 0; i < 2; i++) await replicaA.begin('cy@contoso.com', '198.51.100.8', t0);
    await replicaB.succeeded(await replicaA.begin('cy@contoso.com', '203.0.113.8', t0));
    for (let i = 0; i < 3; i++) expect(await outcome(replicaA.begin('cy@contoso.com', '203.0.113.8', t0 + 1))).toBe('allowed');
    expect(await outcome(replicaA.begin('cy@contoso.com', '203.0.113.8', t0 + 2))).toBe(60);
  });

  it('lets an address the account signed in from past its delay, on every replica', async () => {
    await replicaA.succeeded(await replicaA.begin('hal@contoso.com', '192.0.2.10', t0 - 86_400_000), t0 - 86_400_000);
    for (let i = 0; i < 5; i++) await replicaA.begin('hal@contoso.com', `198.51.100.${30 + i}`, t0 + i);
    expect(await outcome(replicaB.begin('hal@contoso.com', '198.51.100.40', t0 + 100))).toBe(1);
    expect(await outcome(replicaB.begin('hal@contoso.com', '192.0.2.10', t0 + 100))).toBe('allowed');
    // Its failure counted all the same: the next new address waits longer.
    expect(await outcome(replicaA.begin('hal@contoso.com', '198.51.100.40', t0 + 200))).toBe(2);
  });

  it('gives the address back the place of a successful login, and only that one', async () => {
    for (let i = 0; i < 7; i++) await replicaA.begin(`guess${i}@contoso.com`, '203.0.113.9', t0);
    await replicaB.succeeded(await replicaA.begin('dee@contoso.com', '203.0.113.9', t0));
    expect(await outcome(replicaA.begin('eve@contoso.com', '203.0.113.9', t0 + 1))).toBe('allowed');
    expect(await outcome(replicaA.begin('eve@contoso.com', '203.0.113.9', t0 + 2))).toBe(60);
  });

  it('stores no username or address in clear', async () => {
    await replicaA.begin('Pasted-Passw0rd!', '203.0.113.10', t0);
    const stored = JSON.stringify(await store.find(LOGIN_THROTTLE_COLLECTION.name));
    expect(stored).not.toMatch(/pasted|203\.0\.113/i);
  });

  it('sweeps logs whose attempts have all aged out, and keeps the others', async () => {
    await replicaA.begin('old@contoso.com', undefined, t0);
    await replicaA.begin('new@contoso.com', undefined, t0 + 30_000);
    expect(await replicaB.sweep(t0 + 61_000)).toBe(1);
    const left = await store.find(LOGIN_THROTTLE_COLLECTION.name);
    expect(left.items).toHaveLength(1);
    expect(await replicaB.sweep(t0 + 91_000)).toBe(1);
  });
});

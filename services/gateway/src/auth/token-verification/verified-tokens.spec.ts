import type { VerifiedSessionUser } from '@broker/contracts';
import { RevocationState } from './revocation-state';
import { VerifiedTokens } from './verified-tokens';

const NOW = Date.parse('2026-12-07T12:00:00Z');

function verified(overrides: Partial<VerifiedSessionUser['access']> = {}, userId = 'u1'): VerifiedSessionUser {
  return {
    id: userId,
    username: `${userId}@example.test`,
    role: 'org_admin',
    resellerId: 'r1',
    organizationId: 'o1',
    actorAssertion: `assertion-of-${userId}`,
    access: { sessionId: `s-${userId}`, userRevision: 3, expiresAt: new Date(NOW + 600_000).toISOString(), ...overrides },
  };
}

describe('VerifiedTokens', () => {
  const options = { maxEntries: 3, assertionMarginMs: 30_000 };

  it("answers a kept verification while the token, the assertion's margin and the revocations allow it", () => {
    const tokens = new VerifiedTokens(options);
    tokens.remember('t1', verified(), NOW + 120_000);
    expect(tokens.lookup('t1', NOW, new RevocationState())?.id).toBe('u1');
    expect(tokens.lookup('t2', NOW, new RevocationState())).toBeNull();
  });

  it('keeps nothing while the revocation state is not current', () => {
    const tokens = new VerifiedTokens(options);
    tokens.remember('t1', verified(), NOW + 120_000);
    expect(tokens.lookup('t1', NOW, null)).toBeNull();
    expect(tokens.size).toBe(0);
  });

  it('asks again once the assertion is within its margin, or the token has expired', () => {
    const tokens = new VerifiedTokens(options);
    tokens.remember('t1', verified(), NOW + 120_000);
    expect(tokens.lookup('t1', NOW + 89_999, new RevocationState())).not.toBeNull();
    expect(tokens.lookup('t1', NOW + 90_000, new RevocationState())).toBeNull();
    tokens.remember('t2', verified({ expiresAt: new Date(NOW + 10_000).toISOString() }), NOW + 120_000);
    expect(tokens.lookup('t2', NOW + 10_000, new RevocationState())).toBeNull();
  });

  it('drops a verification whose session or user was revoked, for good', () => {
    const tokens = new VerifiedTokens(options);
    tokens.remember('t1', verified(), NOW + 120_000);
    tokens.remember('t2', verified({}, 'u2'), NOW + 120_000);
    const revocations = new RevocationState();
    revocations.apply({ kind: 'session', sessionId: 's-u1' }, NOW);
    revocations.apply({ kind: 'user', userId: 'u2', sessionsEndedAt: 4 }, NOW);
    expect(tokens.lookup('t1', NOW, revocations)).toBeNull();
    expect(tokens.lookup('t2', NOW, revocations)).toBeNull();
    expect(tokens.lookup('t1', NOW, new RevocationState())).toBeNull();
  });

  it('keeps at most maxEntries, dropping the oldest, and none at all with 0', () => {
    const tokens = new VerifiedTokens(options);
    for (const token of ['a', 'b', 'c', 'd']) tokens.remember(token, verified(), NOW + 120_000);
    expect(tokens.size).toBe(3);
    expect(tokens.lookup('a', NOW, new RevocationState())).toBeNull();
    expect(tokens.lookup('d', NOW, new RevocationState())).not.toBeNull();
    const none = new VerifiedTokens({ ...options, maxEntries: 0 });
    none.remember('a', verified(), NOW + 120_000);
    expect(none.size).toBe(0);
  });
});

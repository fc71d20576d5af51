import { accessRevocationKey, accessRevocationValue, parseAccessRevocation, type AccessRevocation } from './access-revocations';

describe('access revocation entries', () => {
  it.each<AccessRevocation>([
    { kind: 'user', userId: '0b6f7c1e-6a55-4c3e-9d0a-2f1e1b0c9d8e', sessionsEndedAt: 0 },
    { kind: 'user', userId: 'any id, even with dots.and spaces', sessionsEndedAt: 17 },
    { kind: 'session', sessionId: '5f0e2b4c-0d1a-4f7e-8c3b-9a6d5e4f3c2b' },
  ])('read back what was written: %j', (revocation) => {
    const key = accessRevocationKey(revocation);
    expect(key).toMatch(/^(user|session)\.[A-Za-z0-9_-]+$/);
    expect(parseAccessRevocation(key, accessRevocationValue(revocation))).toEqual(revocation);
  });

  it('ignores keys and values it does not know', () => {
    expect(parseAccessRevocation('other.abc', '{"ended":true}')).toBeNull();
    expect(parseAccessRevocation('session.abc', 'not json')).toBeNull();
    expect(parseAccessRevocation('session.abc', '{"ended":false}')).toBeNull();
    expect(parseAccessRevocation('user.abc', '{"sessionsEndedAt":-1}')).toBeNull();
    expect(parseAccessRevocation('user.abc', '{"sessionsEndedAt":1.5}')).toBeNull();
  });
});

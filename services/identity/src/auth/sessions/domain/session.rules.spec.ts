import { accessSession, sessionsEndedAt, userAllowsSession, type RevisionedEvent } from './session.rules';

const at = '2026-03-16T09:00:00.000Z';
const now = new Date('2026-03-16T10:00:00Z');
const expiresAt = '2026-03-30T09:00:00.000Z';
const issue = { sessionId: 's-1', userId: 'u-1', userRevision: 1, expiresAt, sourceAddress: '10.0.0.1', resellerId: 'r-1', organizationId: 'o-1' };

const userEvents = (...types: [string, Record<string, unknown>?][]): RevisionedEvent[] =>
  types.map(([type, data = {}], i) => ({ type, data: { userId: 'u-1', ...data }, revision: BigInt(i) }));

describe('session rules', () => {
  it('ends sessions at every password change, disable, delete, sign-out everywhere and role change', () => {
    expect(sessionsEndedAt(userEvents(['UserRegistered', { role: 'org_user' }]))).toBe(-1);
    for (const type of ['UserPasswordChanged', 'UserDisabled', 'UserDeleted', 'UserSessionsEnded']) {
      expect([type, sessionsEndedAt(userEvents(['UserRegistered', { role: 'org_user' }], [type], ['UserDetailsChanged', { role: 'org_user' }]))]).toEqual([type, 1]);
    }
    expect(sessionsEndedAt(userEvents(['UserRegistered', { role: 'org_user' }], ['UserDetailsChanged', { role: 'org_admin' }]))).toBe(1);
  });

  it('ends nothing at a change of name or e-mail, and nothing at enabling: the disable before it still stands', () => {
    expect(sessionsEndedAt(userEvents(['UserRegistered', { role: 'org_user' }], ['UserDetailsChanged', { role: 'org_user', lastName: 'Lund' }]))).toBe(-1);
    const disabledThenEnabled = userEvents(['UserRegistered', { role: 'org_user' }], ['UserDisabled'], ['UserEnabled']);
    expect(sessionsEndedAt(disabledThenEnabled)).toBe(1);
    // A session opened before the disable (user revision 0) stays ended; one opened after the enable lives.
    expect(userAllowsSession(sessionsEndedAt(disabledThenEnabled), 0)).toBe(false);
    expect(userAllowsSession(sessionsEndedAt(disabledThenEnabled), 2)).toBe(true);
  });

  it('lets an access token stand while the event that issued it is followed by refreshes only', () => {
    const opened = { type: 'SessionOpened', data: { ...issue, generation: 0, openedAt: at } };
    const refreshed = { type: 'SessionRefreshed', data: { ...issue, generation: 1, refreshedAt: at } };
    expect(accessSession([opened, refreshed], 0, now)).toEqual({ userId: 'u-1', userRevision: 1 });
    expect(accessSession([refreshed], 1, now)).toEqual({ userId: 'u-1', userRevision: 1 });
  });

  it('refuses an access token whose session ended, was revoked or expired, or whose generation was never issued', () => {
    const opened = { type: 'SessionOpened', data: { ...issue, generation: 0, openedAt: at } };
    expect(accessSession([opened, { type: 'SessionEnded', data: { sessionId: 's-1', reason: 'logout' } }], 0, now)).toBeNull();
    expect(accessSession([opened, { type: 'SessionFamilyRevoked', data: { sessionId: 's-1' } }], 0, now)).toBeNull();
    expect(accessSession([opened], 0, new Date(expiresAt))).toBeNull();
    expect(accessSession([], 3, now)).toBeNull();
    expect(accessSession([opened], 2, now)).toBeNull();
    expect(accessSession([{ type: 'SessionEnded', data: { sessionId: 's-1' } }], 1, now)).toBeNull();
  });
});

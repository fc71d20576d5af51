import { RevocationState } from './revocation-state';

describe('RevocationState', () => {
  const holder = { userId: 'u1', sessionId: 's1', userRevision: 4 };

  it('allows a session nothing ended', () => {
    const state = new RevocationState();
    state.apply({ kind: 'session', sessionId: 'other', }, 0);
    state.apply({ kind: 'user', userId: 'other', sessionsEndedAt: 99 }, 0);
    expect(state.allows(holder)).toBe(true);
  });

  it('refuses an ended session', () => {
    const state = new RevocationState();
    state.apply({ kind: 'session', sessionId: 's1' }, 0);
    expect(state.allows(holder)).toBe(false);
  });

  it("refuses a session opened before its user's last session-ending event, and allows one opened at or after it", () => {
    const state = new RevocationState();
    state.apply({ kind: 'user', userId: 'u1', sessionsEndedAt: 5 }, 0);
    expect(state.allows(holder)).toBe(false);
    expect(state.allows({ ...holder, userRevision: 5 })).toBe(true);
    expect(state.allows({ ...holder, userRevision: 6 })).toBe(true);
  });

  it('never moves a user back to an older revision seen late', () => {
    const state = new RevocationState();
    state.apply({ kind: 'user', userId: 'u1', sessionsEndedAt: 9 }, 0);
    state.apply({ kind: 'user', userId: 'u1', sessionsEndedAt: 5 }, 1);
    expect(state.allows({ ...holder, userRevision: 7 })).toBe(false);
  });

  it('forgets entries seen before the given time', () => {
    const state = new RevocationState();
    state.apply({ kind: 'session', sessionId: 's1' }, 100);
    state.apply({ kind: 'user', userId: 'u2', sessionsEndedAt: 1 }, 200);
    state.prune(150);
    expect(state.size).toBe(1);
    expect(state.allows(holder)).toBe(true);
  });
});

/**
 * What identity writes to the access-revocation bucket and gateways read (ADR 0035). Two kinds of key:
 * `user.<id>` holds the revision of the user's last event that ended all their sessions, `session.<id>` marks one
 * ended session. Ids travel base64url-encoded, so any id makes a valid key.
 */
export type AccessRevocation = { kind: 'user'; userId: string; sessionsEndedAt: number } | { kind: 'session'; sessionId: string };

export function accessRevocationKey(revocation: AccessRevocation): string {
  return revocation.kind === 'user' ? `user.${encodeId(revocation.userId)}` : `session.${encodeId(revocation.sessionId)}`;
}

export function accessRevocationValue(revocation: AccessRevocation): string {
  return revocation.kind === 'user' ? JSON.stringify({ sessionsEndedAt: revocation.sessionsEndedAt }) : JSON.stringify({ ended: true });
}

/** The revocation an entry of the bucket holds, or null for a key or value this version does not know. */
export function parseAccessRevocation(key: string, value: string): AccessRevocation | null {
  const match = /^(user|session)\.([A-Za-z0-9_-]+)$/.exec(key);
  if (!match) return null;
  const id = Buffer.from(match[2]!, 'base64url').toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  if (match[1] === 'session') return (parsed as { ended?: unknown }).ended === true ? { kind: 'session', sessionId: id } : null;
  const endedAt = (parsed as { sessionsEndedAt?: unknown }).sessionsEndedAt;
  return Number.isSafeInteger(endedAt) && (endedAt as number) >= 0 ? { kind: 'user', userId: id, sessionsEndedAt: endedAt as number } : null;
}

function encodeId(id: string): string {
  if (id.length === 0) throw new Error('An access revocation needs an id');
  return Buffer.from(id, 'utf8').toString('base64url');
}

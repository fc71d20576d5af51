import type { AccessRevocation } from '@broker/contracts';

/** The session behind a kept verification, as revocations are checked against it. */
export interface AccessHolder {
  userId: string;
  sessionId: string;
  /** The user's stream revision when the session opened. */
  userRevision: number;
}

/**
 * What the gateway knows from the access-revocation bucket (ADR 0035): per user, the revision of their last event
 * that ended every session; which sessions ended. Values only grow: an older entry seen late never revives a session.
 */
export class RevocationState {
  private readonly users = new Map<string, { endedAt: number; seenAt: number }>();
  private readonly sessions = new Map<string, number>();

  apply(revocation: AccessRevocation, seenAt: number): void {
    if (revocation.kind === 'session') {
      this.sessions.set(revocation.sessionId, seenAt);
      return;
    }
    const known = this.users.get(revocation.userId);
    this.users.set(revocation.userId, { endedAt: Math.max(known?.endedAt ?? -1, revocation.sessionsEndedAt), seenAt });
  }

  /** False when the session ended, or an event of its user ended every session opened before it. */
  allows(holder: AccessHolder): boolean {
    if (this.sessions.has(holder.sessionId)) return false;
    const user = this.users.get(holder.userId);
    return user === undefined || user.endedAt <= holder.userRevision;
  }

  /** Forgets entries seen before `before`: every token they could refuse has expired by then. */
  prune(before: number): void {
    for (const [id, user] of this.users) if (user.seenAt < before) this.users.delete(id);
    for (const [id, seenAt] of this.sessions) if (seenAt < before) this.sessions.delete(id);
  }

  get size(): number {
    return this.users.size + this.sessions.size;
  }
}

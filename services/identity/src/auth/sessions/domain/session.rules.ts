import type { Role } from '@broker/contracts';
import type { SessionEvent } from './session.events';

/** A stored event with its stream revision, as the rules need it. */
export interface RevisionedEvent {
  type: string;
  data: Record<string, unknown>;
  revision: bigint;
}

/**
 * The revision of the user's last event that ends every session opened before it: a password change (own, by an
 * admin, or a reset), disable, delete, sign-out everywhere, or a change of role. -1 when there is none. Enabling a
 * user ends nothing, and revives nothing either: the disable still stands between the old sessions and now.
 */
export function sessionsEndedAt(userEvents: readonly RevisionedEvent[]): number {
  let endedAt = -1;
  let role: Role | undefined;
  for (const event of userEvents) {
    switch (event.type) {
      case 'UserRegistered':
        role = event.data.role as Role;
        break;
      case 'UserDetailsChanged':
        if (event.data.role !== role) endedAt = Number(event.revision);
        role = event.data.role as Role;
        break;
      case 'UserPasswordChanged':
      case 'UserDisabled':
      case 'UserDeleted':
      case 'UserSessionsEnded':
        endedAt = Number(event.revision);
        break;
    }
  }
  return endedAt;
}

/** A session opened when the user's stream stood at `userRevision` survives only if nothing ended it since. */
export function userAllowsSession(sessionsEnded: number, userRevision: number): boolean {
  return sessionsEnded <= userRevision;
}

export interface AccessSession {
  userId: string;
  userRevision: number;
}

/**
 * Whether an access token of `generation` still stands, from the session's events read from that revision on:
 * the first must be the event that issued it (opened or refreshed to that generation), no later one may end or
 * revoke the session, and the session must not have expired. Later refreshes do not spend an access token.
 */
export function accessSession(eventsFromGeneration: readonly { type: string; data: Record<string, unknown> }[], generation: number, now: Date): AccessSession | null {
  const [issued, ...later] = eventsFromGeneration as unknown as readonly SessionEvent[];
  if (!issued || (issued.type !== 'SessionOpened' && issued.type !== 'SessionRefreshed')) return null;
  if (issued.data.generation !== generation) return null;
  if (now.getTime() >= Date.parse(issued.data.expiresAt)) return null;
  if (later.some((e) => e.type === 'SessionEnded' || e.type === 'SessionFamilyRevoked')) return null;
  return { userId: issued.data.userId, userRevision: issued.data.userRevision };
}

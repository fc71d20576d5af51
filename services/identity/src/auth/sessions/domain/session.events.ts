/** The user's tenant, copied onto every event so each one can be read on its own. */
interface Tenant {
  resellerId: string | null;
  organizationId: string | null;
}

/**
 * What a session's tokens rest on, copied onto each event that issues tokens: the event at a token's generation
 * (its stream revision) says all that verifying the token needs. `userRevision` is the user's stream revision when
 * the session opened; a later password change, disable, delete, role change or sign-out everywhere ends it.
 */
interface Issue extends Tenant {
  sessionId: string;
  userId: string;
  generation: number;
  userRevision: number;
  expiresAt: string;
  /** The client address as the gateway saw it. */
  sourceAddress: string;
}

/** Internal events of a session (one stream per session). No token, and nothing a token could be made from. */
export type SessionEvent =
  | { type: 'SessionOpened'; data: Issue & { openedAt: string } }
  | { type: 'SessionRefreshed'; data: Issue & { refreshedAt: string } }
  | { type: 'SessionEnded'; data: { sessionId: string; userId: string; reason: SessionEndReason; endedAt: string } & Tenant }
  /** A spent refresh token came back: the whole session (every token of the family) ends. */
  | {
      type: 'SessionFamilyRevoked';
      data: { sessionId: string; userId: string; reusedGeneration: number; currentGeneration: number; sourceAddress: string; revokedAt: string } & Tenant;
    };

export type SessionEndReason = 'logout';

export const sessionStreamId = (sessionId: string): string => `session-${sessionId}`;

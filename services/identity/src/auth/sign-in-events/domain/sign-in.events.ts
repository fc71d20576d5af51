import { nameBasedId } from '@broker/contracts';
import type { ThrottleScope } from '../../login-throttle/login-throttled.error';

/**
 * Sign-in events, internal to identity (never published): every login attempt that succeeded, failed or was
 * throttled, with the source address the gateway saw. They name the user by id when the username belongs to one;
 * otherwise only by a keyed digest of the username given (a password typed into the username field must never be
 * stored). They never hold a password, a hash of one or a token.
 */
export type SignInEvent =
  | {
      type: 'SignInSucceeded';
      data: { userId: string; sourceAddress: string | null; resellerId: string | null; organizationId: string | null; at: string };
    }
  | {
      type: 'SignInFailed';
      data: Subject & { reason: SignInFailure; sourceAddress: string | null; at: string };
    }
  | {
      type: 'SignInThrottled';
      data: Subject & { limit: ThrottleScope; retryAfterSeconds: number; sourceAddress: string | null; at: string };
    };

/** Why a login failed (the caller gets the same 401 for each; only the record tells them apart). */
export type SignInFailure = 'wrong_password' | 'unknown_user' | 'user_not_active';

/** Who the attempt was for: a user, or (no user holds the name) the digest of the name. */
type Subject = { userId: string; usernameDigest: null } | { userId: null; usernameDigest: string };

export type SignInEventType = SignInEvent['type'];

/** What a login knows about an attempt when it records it. */
export interface AttemptFacts {
  userId: string | null;
  usernameDigest: string;
  sourceAddress: string | undefined;
  at: Date;
}

function subjectOf(facts: AttemptFacts): Subject {
  return facts.userId !== null ? { userId: facts.userId, usernameDigest: null } : { userId: null, usernameDigest: facts.usernameDigest };
}

const addressOf = (facts: AttemptFacts): string | null => facts.sourceAddress ?? null;

export function signInSucceeded(facts: AttemptFacts & { userId: string }, tenant: { resellerId: string | null; organizationId: string | null }): SignInEvent {
  return { type: 'SignInSucceeded', data: { userId: facts.userId, sourceAddress: addressOf(facts), resellerId: tenant.resellerId, organizationId: tenant.organizationId, at: facts.at.toISOString() } };
}

export function signInFailed(facts: AttemptFacts, reason: SignInFailure): SignInEvent {
  return { type: 'SignInFailed', data: { ...subjectOf(facts), reason, sourceAddress: addressOf(facts), at: facts.at.toISOString() } };
}

export function signInThrottled(facts: AttemptFacts, limit: ThrottleScope, retryAfterSeconds: number): SignInEvent {
  return { type: 'SignInThrottled', data: { ...subjectOf(facts), limit, retryAfterSeconds, sourceAddress: addressOf(facts), at: facts.at.toISOString() } };
}

/**
 * A user's sign-ins are one stream (`signin-<user id>`); attempts at a name nobody holds go to a stream of their
 * own per digest, so they can be followed without the name.
 */
export function signInStreamId(event: SignInEvent): string {
  const { userId } = event.data;
  if (userId !== null) return `signin-${userId}`;
  return `signin-${nameBasedId(`unknown-username:${(event.data as { usernameDigest: string }).usernameDigest}`)}`;
}

import type { VerifiedSessionUser } from '@broker/contracts';
import type { RevocationState } from './revocation-state';

export interface VerifiedTokensOptions {
  /** How many verifications are kept at most; the oldest goes first. 0 keeps none. */
  maxEntries: number;
  /** A kept verification is used only while its actor assertion has more than this left. */
  assertionMarginMs: number;
}

interface Kept {
  user: VerifiedSessionUser;
  tokenExpiresAt: number;
  assertionExpiresAt: number;
}

/**
 * Identity's answers to verify-token, kept by the gateway so that most requests need no round trip (ADR 0035). A kept
 * answer stands while the token has not expired, its actor assertion has more than the margin left (so it is asked
 * again at least that often), and the revocation state, which must be current, ends neither its session nor its user.
 */
export class VerifiedTokens {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly options: VerifiedTokensOptions) {}

  lookup(token: string, now: number, revocations: RevocationState | null): VerifiedSessionUser | null {
    const kept = this.kept.get(token);
    if (!kept) return null;
    const stands =
      revocations !== null &&
      now < kept.tokenExpiresAt &&
      kept.assertionExpiresAt - now > this.options.assertionMarginMs &&
      revocations.allows({ userId: kept.user.id, sessionId: kept.user.access.sessionId, userRevision: kept.user.access.userRevision });
    if (stands) return kept.user;
    this.kept.delete(token);
    return null;
  }

  /** Keeps an answer whose token and assertion expire at the given times (milliseconds since the epoch). */
  remember(token: string, user: VerifiedSessionUser, assertionExpiresAt: number): void {
    if (this.options.maxEntries <= 0) return;
    const tokenExpiresAt = Date.parse(user.access.expiresAt);
    if (!Number.isFinite(tokenExpiresAt)) return;
    this.kept.delete(token);
    while (this.kept.size >= this.options.maxEntries) this.kept.delete(this.kept.keys().next().value as string);
    this.kept.set(token, { user, tokenExpiresAt, assertionExpiresAt });
  }

  /** Drops every kept answer: the next request of each token asks identity again. */
  clear(): void {
    this.kept.clear();
  }

  get size(): number {
    return this.kept.size;
  }
}

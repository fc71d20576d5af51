import { Injectable } from '@nestjs/common';
import { AuthRpc, type VerifiedSessionUser } from '@broker/contracts';
import { actorAssertionExpiresAt, RpcClient } from '@broker/messaging';
import type { AccessRevocationWatch } from './access-revocation-watch';
import { VerifiedTokens } from './verified-tokens';

/** How the gateway verifies tokens now, for /health. */
export interface TokenVerificationHealth {
  /**
   * `followed`: kept verifications are used while the access revocations allow them; `not followed`: the
   * revocations are away or behind, so every request asks identity; `off`: VERIFIED_TOKENS_KEPT=0.
   */
  revocations: 'followed' | 'not followed' | 'off';
  /** Verifications kept now. */
  kept: number;
}

/**
 * Who an access token belongs to. Identity decides (verify-token); the gateway keeps its answer while the
 * access-revocation bucket it follows says nothing against it (ADR 0035), so most requests need no round trip.
 */
@Injectable()
export class TokenVerification {
  constructor(
    private readonly rpc: RpcClient,
    private readonly tokens: VerifiedTokens,
    private readonly watch: AccessRevocationWatch | null,
  ) {}

  health(): TokenVerificationHealth {
    const revocations = this.watch === null ? 'off' : this.watch.current() === null ? 'not followed' : 'followed';
    return { revocations, kept: this.tokens.size };
  }

  /** Throws the RPC's error (401 for a token identity refuses) like the call itself. */
  async verify(accessToken: string): Promise<VerifiedSessionUser> {
    const kept = this.tokens.lookup(accessToken, Date.now(), this.watch?.current() ?? null);
    if (kept) return kept;
    const user = await this.rpc.call(AuthRpc.verifyToken, { accessToken });
    const assertionExpiresAt = actorAssertionExpiresAt(user.actorAssertion);
    if (assertionExpiresAt !== null) this.tokens.remember(accessToken, user, assertionExpiresAt);
    return user;
  }
}

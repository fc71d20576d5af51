import type { KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { SessionUser } from '@broker/contracts';
import { publicKeyPem, signActorAssertion } from '@broker/messaging';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import { actorAssertionPrivateKey } from './actor-assertion-key';

/** Assertions kept for reuse, at most (the oldest goes first). */
const KEPT = 10_000;

/**
 * Signs the actor of a verified request; only identity holds the private key (docs/adr/0019). An actor's assertion
 * is reused while at least half of its validity is left: every request of a user asks for one, and signing each
 * anew cost identity measurable CPU under load (docs/performance.md). Reuse changes nothing a verifier checks: the
 * assertion names exactly that actor (a new role or tenant is another key) and is never valid past its expiry.
 */
@Injectable()
export class ActorAssertionSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  private readonly issued = new Map<string, { assertion: string; reuseUntilMs: number }>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: IdentityConfig) {
    this.privateKey = actorAssertionPrivateKey(config);
    this.publicKeyPem = publicKeyPem(this.privateKey);
  }

  sign(user: SessionUser, nowMs = Date.now()): string {
    const actor = { userId: user.id, role: user.role, resellerId: user.resellerId, organizationId: user.organizationId };
    const key = `${actor.userId}|${actor.role}|${actor.resellerId ?? ''}|${actor.organizationId ?? ''}`;
    const kept = this.issued.get(key);
    if (kept && nowMs < kept.reuseUntilMs) return kept.assertion;
    const ttlSeconds = this.config.ACTOR_ASSERTION_TTL_SECONDS;
    const assertion = signActorAssertion(actor, this.privateKey, ttlSeconds, nowMs);
    this.issued.delete(key);
    if (this.issued.size >= KEPT) this.issued.delete(this.issued.keys().next().value!);
    this.issued.set(key, { assertion, reuseUntilMs: nowMs + (ttlSeconds * 1000) / 2 });
    return assertion;
  }
}

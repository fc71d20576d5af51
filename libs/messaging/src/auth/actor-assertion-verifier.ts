import type { KeyObject } from 'node:crypto';
import type { Logger } from '@broker/platform';
import { RPC_UNAVAILABLE, type RpcErrorPayload } from '../rpc/rpc-error';
import { checkActorAssertion } from './actor-assertion';

export const ACTOR_UNAUTHENTICATED = 'ACTOR.UNAUTHENTICATED';
export const ACTOR_FORBIDDEN = 'ACTOR.FORBIDDEN';

/** Assertions whose signature verified, kept so a bearer's repeated requests verify once (Ed25519, ~0.1 ms each). */
const VERIFIED_KEPT = 10_000;

/**
 * Checks, before any handler runs, that a request naming an actor carries an assertion of exactly that actor
 * (docs/adr/0019). The public key comes from `loadKey` once and is kept; a failed load is tried again on the next
 * request, and a signature the key does not verify loads it again (at most every `reloadAfterMs`), so a new key of
 * identity is picked up. Requests without an actor pass: NATS permissions alone decide who may send them.
 */
export class ActorAssertionVerifier {
  private key: Promise<KeyObject> | null = null;
  private loadedAt = 0;
  /**
   * Assertion strings whose signature this key verified. The gateway reuses one assertion per actor until shortly
   * before it expires, so most requests skip the signature; expiry and actor are still checked on each. Entries
   * name the key that verified them: after a new key is loaded they count for nothing.
   */
  private readonly verified = new Map<string, KeyObject>();

  constructor(
    private readonly loadKey: () => Promise<KeyObject>,
    private readonly logger?: Logger,
    private readonly reloadAfterMs = 30_000,
  ) {}

  /** null: the request may go on; otherwise the error to answer. */
  async refusal(body: unknown, assertion: string | undefined, pattern: string): Promise<RpcErrorPayload | null> {
    if (typeof body !== 'object' || body === null || (body as { actor?: unknown }).actor === undefined) return null;
    let key: KeyObject;
    try {
      key = await this.publicKey();
    } catch (error) {
      this.logger?.warn({ err: error, pattern }, 'The actor assertion key is not available; request refused');
      return { code: RPC_UNAVAILABLE, message: 'Actors cannot be checked right now; try again shortly' };
    }
    const actor = (body as { actor: unknown }).actor;
    const known = assertion !== undefined && this.verified.get(assertion) === key;
    let check = checkActorAssertion(assertion, actor, key, Date.now(), { signatureVerified: known });
    if (!check.ok && check.reason === 'bad-signature' && Date.now() - this.loadedAt >= this.reloadAfterMs) {
      this.key = null;
      key = await this.publicKey().catch(() => key);
      check = checkActorAssertion(assertion, actor, key);
    }
    if (check.ok) {
      if (!known) this.remember(assertion!, key);
      return null;
    }
    this.logger?.warn({ pattern, reason: check.reason }, 'Request refused: its actor is not vouched for');
    if (check.reason === 'other-actor') return { code: ACTOR_FORBIDDEN, message: 'The actor assertion names another actor' };
    return { code: ACTOR_UNAUTHENTICATED, message: 'The request names an actor without a valid actor assertion' };
  }

  private remember(assertion: string, key: KeyObject): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.verified.size >= VERIFIED_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(assertion, key);
  }

  private publicKey(): Promise<KeyObject> {
    if (!this.key) {
      const loading = this.loadKey();
      this.key = loading;
      this.loadedAt = Date.now();
      loading.catch(() => {
        if (this.key === loading) this.key = null;
      });
    }
    return this.key;
  }
}

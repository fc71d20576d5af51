import { rpc, type NoPayload } from '../rpc-contract';

/**
 * Actor assertions (docs/adr/0019): identity signs who the gateway authenticated, and every service checks the
 * signature before it trusts the `actor` of a request.
 */
export const ActorAssertionRpc = {
  /** The public key that verifies actor assertions (no actor: anyone allowed to call identity may ask). */
  publicKey: rpc<NoPayload, ActorAssertionKey>('identity.auth.actor-assertion-key'),
} as const;

export interface ActorAssertionKey {
  /** Ed25519 public key, PEM (SPKI). */
  publicKey: string;
}

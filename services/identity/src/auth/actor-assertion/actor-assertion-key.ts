import type { KeyObject } from 'node:crypto';
import { actorAssertionKeyFromSecret, parseActorAssertionPrivateKey } from '@broker/messaging';
import type { IdentityConfig } from '../../identity.config';

/** The private key that signs actor assertions: ACTOR_ASSERTION_PRIVATE_KEY, else derived from JWT_SECRET. */
export function actorAssertionPrivateKey(config: IdentityConfig): KeyObject {
  if (config.ACTOR_ASSERTION_PRIVATE_KEY) return parseActorAssertionPrivateKey(config.ACTOR_ASSERTION_PRIVATE_KEY.replace(/\\n/g, '\n'));
  return actorAssertionKeyFromSecret(config.JWT_SECRET);
}

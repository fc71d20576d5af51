import { createHmac } from 'node:crypto';

/**
 * What a login may keep of a username it was given: a keyed digest, never the text. A password pasted into the
 * username field by mistake must not be stored, and a plain hash of a short text can be reversed by trying every
 * candidate; without the key (derived from JWT_SECRET) it cannot.
 */
export function usernameDigest(secret: string, username: string): string {
  const key = createHmac('sha256', secret).update('login-username-digest').digest();
  return createHmac('sha256', key).update(username.trim().toLowerCase()).digest('hex');
}

/** A keyed digest of a source address (throttle keys): the same key, another purpose. */
export function addressDigest(secret: string, address: string): string {
  const key = createHmac('sha256', secret).update('login-address-digest').digest();
  return createHmac('sha256', key).update(address).digest('hex');
}

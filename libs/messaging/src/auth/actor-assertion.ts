import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';

/** The actor fields an assertion vouches for (those of ActorDto). */
export interface AssertedActor {
  userId: string;
  role: string;
  resellerId?: string | null;
  organizationId?: string | null;
}

interface ActorClaims {
  sub: string;
  role: string;
  rid: string | null;
  oid: string | null;
  iat: number;
  exp: number;
}

export type ActorAssertionCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'other-actor' };

const HEADER = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' })).toString('base64url');
// DER of a PKCS #8 Ed25519 private key up to its 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** Clocks of the signing and the checking host may differ a little. */
const CLOCK_SKEW_SECONDS = 5;
const MAX_ASSERTION_LENGTH = 2048;

/**
 * The Ed25519 private key derived from a secret (HKDF-SHA256), so that every replica of identity holding the same
 * JWT_SECRET signs with the same key without a second secret to distribute.
 */
export function actorAssertionKeyFromSecret(secret: string): KeyObject {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'broker', 'actor-assertion-ed25519', 32));
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** An Ed25519 private key from PEM (PKCS #8). */
export function parseActorAssertionPrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The actor assertion key must be an Ed25519 key');
  return key;
}

/** An Ed25519 public key from PEM (SPKI). */
export function parseActorAssertionPublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The actor assertion key must be an Ed25519 key');
  return key;
}

export function publicKeyPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

/** A compact JWT (EdDSA) naming the actor, valid for `ttlSeconds`. */
export function signActorAssertion(actor: AssertedActor, privateKey: KeyObject, ttlSeconds: number, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const claims: ActorClaims = { sub: actor.userId, role: actor.role, rid: actor.resellerId ?? null, oid: actor.organizationId ?? null, iat, exp: iat + ttlSeconds };
  const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput), privateKey).toString('base64url')}`;
}

/**
 * Whether `assertion` is a valid, unexpired assertion signed by `publicKey` for exactly `actor`. With
 * `signatureVerified` the caller vouches that this very string's signature verified with `publicKey` before: only
 * the claims (expiry, actor) are checked again.
 */
export function checkActorAssertion(
  assertion: string | undefined,
  actor: unknown,
  publicKey: KeyObject,
  nowMs = Date.now(),
  options: { signatureVerified?: boolean } = {},
): ActorAssertionCheck {
  if (!assertion) return { ok: false, reason: 'missing' };
  const parts = assertion.length <= MAX_ASSERTION_LENGTH ? assertion.split('.') : [];
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  if (!options.signatureVerified && !verify(null, Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))) {
    return { ok: false, reason: 'bad-signature' };
  }
  let claims: ActorClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ActorClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const now = nowMs / 1000;
  if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number' || claims.exp < now - CLOCK_SKEW_SECONDS || claims.iat > now + CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'expired' };
  }
  return sameActor(claims, actor) ? { ok: true } : { ok: false, reason: 'other-actor' };
}

function sameActor(claims: ActorClaims, actor: unknown): boolean {
  if (typeof actor !== 'object' || actor === null) return false;
  const named = actor as Record<string, unknown>;
  return (
    named.userId === claims.sub &&
    named.role === claims.role &&
    (named.resellerId ?? null) === claims.rid &&
    (named.organizationId ?? null) === claims.oid
  );
}

/** When an assertion expires (ms since the epoch), read without checking it: for its bearer deciding to renew it. */
export function actorAssertionExpiresAt(assertion: string): number | null {
  try {
    const claims = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as Partial<ActorClaims>;
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

import { generateKeyPairSync } from 'node:crypto';
import { actorAssertionKeyFromSecret, checkActorAssertion, parseActorAssertionPublicKey, publicKeyPem, signActorAssertion } from './actor-assertion';

const actor = { userId: '6f1c1f5e-6d3c-4c1c-9d54-6a8f0f6f1a11', role: 'org_admin', resellerId: '0b5a0c3e-2b8f-4d6f-8f59-3c1b5b0e2a22', organizationId: '9a7d3b1c-1f2e-4a5b-8c6d-7e8f9a0b1c33' };

describe('actor assertions', () => {
  const privateKey = actorAssertionKeyFromSecret('a secret of at least thirty-two characters');
  const publicKey = parseActorAssertionPublicKey(publicKeyPem(privateKey));
  const now = Date.UTC(2026, 0, 1);

  it('vouch for exactly the actor they were signed for', () => {
    const assertion = signActorAssertion(actor, privateKey, 60, now);
    expect(checkActorAssertion(assertion, actor, publicKey, now + 1000)).toEqual({ ok: true });
  });

  it('derive the same key from the same secret on every replica', () => {
    expect(publicKeyPem(actorAssertionKeyFromSecret('a secret of at least thirty-two characters'))).toBe(publicKeyPem(privateKey));
    expect(publicKeyPem(actorAssertionKeyFromSecret('another secret of at least thirty-two chars'))).not.toBe(publicKeyPem(privateKey));
  });

  it.each([
    ['another user', { ...actor, userId: '00000000-0000-4000-8000-000000000000' }],
    ['another role', { ...actor, role: 'platform_admin' }],
    ['another organization', { ...actor, organizationId: null }],
    ['another reseller', { ...actor, resellerId: '00000000-0000-4000-8000-000000000000' }],
  ])('do not vouch for %s', (_, other) => {
    expect(checkActorAssertion(signActorAssertion(actor, privateKey, 60, now), other, publicKey, now)).toEqual({ ok: false, reason: 'other-actor' });
  });

  it('treat a missing tenant field as null', () => {
    const admin = { userId: actor.userId, role: 'platform_admin', resellerId: null, organizationId: null };
    expect(checkActorAssertion(signActorAssertion(admin, privateKey, 60, now), { userId: actor.userId, role: 'platform_admin' }, publicKey, now)).toEqual({ ok: true });
  });

  it('expire', () => {
    expect(checkActorAssertion(signActorAssertion(actor, privateKey, 60, now), actor, publicKey, now + 120_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse a missing, malformed, altered or foreign-signed assertion', () => {
    const assertion = signActorAssertion(actor, privateKey, 60, now);
    expect(checkActorAssertion(undefined, actor, publicKey, now).ok).toBe(false);
    expect(checkActorAssertion('not.an.assertion', actor, publicKey, now)).toEqual({ ok: false, reason: 'malformed' });
    const [header, , signature] = assertion.split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ sub: actor.userId, role: 'platform_admin', rid: null, oid: null, iat: now / 1000, exp: now / 1000 + 60 })).toString('base64url');
    expect(checkActorAssertion(`${header}.${forgedClaims}.${signature}`, { ...actor, role: 'platform_admin', resellerId: null, organizationId: null }, publicKey, now)).toEqual({ ok: false, reason: 'bad-signature' });
    const foreign = generateKeyPairSync('ed25519').privateKey;
    expect(checkActorAssertion(signActorAssertion(actor, foreign, 60, now), actor, publicKey, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

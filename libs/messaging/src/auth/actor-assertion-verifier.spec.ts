import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signActorAssertion } from './actor-assertion';
import { ActorAssertionVerifier } from './actor-assertion-verifier';

const actor = { userId: '6f1c1f5e-6d3c-4c1c-9d54-6a8f0f6f1a11', role: 'platform_admin', resellerId: null, organizationId: null };

describe('ActorAssertionVerifier', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('lets a request without an actor through, and one with its own assertion', async () => {
    const verifier = new ActorAssertionVerifier(() => Promise.resolve(publicKey));
    expect(await verifier.refusal({ accessToken: 'x' }, undefined, 'identity.auth.verify-token')).toBeNull();
    expect(await verifier.refusal({ actor }, signActorAssertion(actor, privateKey, 60), 'organizations.reseller.list')).toBeNull();
  });

  it('answers 401 without a valid assertion and 403 for an assertion of another actor', async () => {
    const verifier = new ActorAssertionVerifier(() => Promise.resolve(publicKey));
    expect(await verifier.refusal({ actor }, undefined, 'p')).toMatchObject({ code: 'ACTOR.UNAUTHENTICATED' });
    expect(await verifier.refusal({ actor: 'platform_admin' }, undefined, 'p')).toMatchObject({ code: 'ACTOR.UNAUTHENTICATED' });
    const other = signActorAssertion({ ...actor, role: 'org_user' }, privateKey, 60);
    expect(await verifier.refusal({ actor }, other, 'p')).toMatchObject({ code: 'ACTOR.FORBIDDEN' });
  });

  it('loads the key once, answers 503 while it cannot, and tries again on the next request', async () => {
    let loads = 0;
    let available = false;
    const verifier = new ActorAssertionVerifier(() => {
      loads++;
      return available ? Promise.resolve(publicKey) : Promise.reject(new Error('identity is away'));
    });
    const assertion = signActorAssertion(actor, privateKey, 60);
    expect(await verifier.refusal({ actor }, assertion, 'p')).toMatchObject({ code: 'RPC.UNAVAILABLE' });
    available = true;
    expect(await verifier.refusal({ actor }, assertion, 'p')).toBeNull();
    expect(await verifier.refusal({ actor }, assertion, 'p')).toBeNull();
    expect(loads).toBe(2);
  });

  it("loads the key again when a signature does not verify, so identity's new key is picked up", async () => {
    const next = generateKeyPairSync('ed25519');
    let current: KeyObject = publicKey;
    const verifier = new ActorAssertionVerifier(() => Promise.resolve(current), undefined, 0);
    expect(await verifier.refusal({ actor }, signActorAssertion(actor, privateKey, 60), 'p')).toBeNull();
    current = next.publicKey;
    expect(await verifier.refusal({ actor }, signActorAssertion(actor, next.privateKey, 60), 'p')).toBeNull();
  });

  it('verifies a repeated assertion once, yet refuses it once expired or for another actor', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-07T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const verifier = new ActorAssertionVerifier(() => Promise.resolve(publicKey));
      const assertion = signActorAssertion(actor, privateKey, 60);
      expect(await verifier.refusal({ actor }, assertion, 'p')).toBeNull();
      expect(await verifier.refusal({ actor }, assertion, 'p')).toBeNull();
      expect(await verifier.refusal({ actor: { ...actor, role: 'org_user' } }, assertion, 'p')).toMatchObject({ code: 'ACTOR.FORBIDDEN' });
      jest.setSystemTime(new Date('2026-12-07T12:01:06Z'));
      expect(await verifier.refusal({ actor }, assertion, 'p')).toMatchObject({ code: 'ACTOR.UNAUTHENTICATED' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not let a remembered signature vouch for a changed payload or for another key', async () => {
    const verifier = new ActorAssertionVerifier(() => Promise.resolve(publicKey), undefined, 60_000);
    const assertion = signActorAssertion(actor, privateKey, 60);
    expect(await verifier.refusal({ actor }, assertion, 'p')).toBeNull();
    const [header, , signature] = assertion.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: actor.userId, role: 'platform_admin', rid: null, oid: null, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url')}.${signature}`;
    expect(await verifier.refusal({ actor }, forged, 'p')).toMatchObject({ code: 'ACTOR.UNAUTHENTICATED' });
    const stranger = generateKeyPairSync('ed25519');
    const rotated = new ActorAssertionVerifier(() => Promise.resolve(stranger.publicKey), undefined, 60_000);
    expect(await rotated.refusal({ actor }, assertion, 'p')).toMatchObject({ code: 'ACTOR.UNAUTHENTICATED' });
  });
});

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
});

import { checkActorAssertion, parseActorAssertionPublicKey } from '@broker/messaging';
import type { SessionUser } from '@broker/contracts';
import type { IdentityConfig } from '../../identity.config';
import { ActorAssertionSigner } from './actor-assertion-signer';

const config = { JWT_SECRET: 'a-test-secret-of-at-least-thirty-two-characters', ACTOR_ASSERTION_TTL_SECONDS: 120 } as IdentityConfig;
const user = { id: 'u1', role: 'org_admin', resellerId: 'r1', organizationId: 'o1' } as SessionUser;
const T0 = Date.parse('2026-12-07T12:00:00Z');

describe('ActorAssertionSigner', () => {
  it('reuses an actor’s assertion while half its validity is left, then signs a new one', () => {
    const signer = new ActorAssertionSigner(config);
    const first = signer.sign(user, T0);
    expect(signer.sign(user, T0 + 59_000)).toBe(first);
    const renewed = signer.sign(user, T0 + 60_000);
    expect(renewed).not.toBe(first);
    const key = parseActorAssertionPublicKey(signer.publicKeyPem);
    const actor = { userId: 'u1', role: 'org_admin', resellerId: 'r1', organizationId: 'o1' };
    expect(checkActorAssertion(first, actor, key, T0 + 59_000)).toEqual({ ok: true });
    expect(checkActorAssertion(renewed, actor, key, T0 + 179_000)).toEqual({ ok: true });
  });

  it('never hands one actor’s assertion to another role or tenant', () => {
    const signer = new ActorAssertionSigner(config);
    const admin = signer.sign(user, T0);
    const key = parseActorAssertionPublicKey(signer.publicKeyPem);
    const demoted = signer.sign({ ...user, role: 'org_user' } as SessionUser, T0 + 1000);
    expect(demoted).not.toBe(admin);
    expect(checkActorAssertion(demoted, { userId: 'u1', role: 'org_user', resellerId: 'r1', organizationId: 'o1' }, key, T0 + 1000)).toEqual({ ok: true });
    expect(signer.sign({ ...user, organizationId: 'o2' } as SessionUser, T0 + 1000)).not.toBe(admin);
  });
});

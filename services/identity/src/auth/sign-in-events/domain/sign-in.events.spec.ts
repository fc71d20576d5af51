import { signInFailed, signInStreamId, signInSucceeded, signInThrottled, type AttemptFacts } from './sign-in.events';

const at = new Date('2026-03-16T09:00:00.000Z');
const known: AttemptFacts = { userId: '0b7f3f1e-8d1c-4a57-9d7e-2f4b8c1a9e01', usernameDigest: 'd'.repeat(64), sourceAddress: '203.0.113.7', at };
const unknown: AttemptFacts = { userId: null, usernameDigest: 'e'.repeat(64), sourceAddress: '203.0.113.7', at };

describe('sign-in events', () => {
  it('name a known user by id only, with the source address', () => {
    const event = signInFailed(known, 'wrong_password');
    expect(event).toEqual({
      type: 'SignInFailed',
      data: { userId: known.userId, usernameDigest: null, reason: 'wrong_password', sourceAddress: '203.0.113.7', at: '2026-03-16T09:00:00.000Z' },
    });
    expect(signInStreamId(event)).toBe(`signin-${known.userId}`);
  });

  it('name an unknown username only by its digest, in a stream of that digest', () => {
    const event = signInThrottled(unknown, 'pair', 12);
    expect(event.data).toEqual({ userId: null, usernameDigest: 'e'.repeat(64), limit: 'pair', retryAfterSeconds: 12, sourceAddress: '203.0.113.7', at: '2026-03-16T09:00:00.000Z' });
    expect(signInStreamId(event)).toMatch(/^signin-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(signInStreamId(event)).toBe(signInStreamId(signInFailed(unknown, 'unknown_user')));
    expect(signInStreamId(event)).not.toBe(signInStreamId(signInFailed({ ...unknown, usernameDigest: 'f'.repeat(64) }, 'unknown_user')));
  });

  it('carry the tenant of a successful sign-in, and no address when none was given', () => {
    const event = signInSucceeded({ ...known, userId: known.userId!, sourceAddress: undefined }, { resellerId: 'r1', organizationId: null });
    expect(event.data).toEqual({ userId: known.userId, sourceAddress: null, resellerId: 'r1', organizationId: null, at: '2026-03-16T09:00:00.000Z' });
  });
});

import type { RecordedEvent } from '@broker/event-sourcing';
import { identityEventMapper } from './integration-event-mapper';

const recorded = (type: string, data: Record<string, unknown>, metadata: Record<string, unknown> = { correlationId: 'c-1', resellerId: 'r-1', organizationId: 'o-1' }): RecordedEvent => ({
  id: 'e-1',
  streamId: 'user-u-1',
  revision: 0n,
  position: { commit: 1n, prepare: 0n },
  type,
  schemaVersion: 1,
  data,
  metadata,
  recordedAt: new Date('2026-03-16T09:00:00Z'),
});
const tenant = { resellerId: 'r-1', organizationId: 'o-1' };

describe('identity integration event mapper', () => {
  it('publishes a registration without anything secret', () => {
    const envelope = identityEventMapper(
      recorded('UserRegistered', { userId: 'u-1', username: 'anna@contoso.com', firstName: 'Anna', lastName: 'Berg', email: 'a@contoso.com', role: 'org_user', ...tenant, registeredBy: 'u-0', registeredAt: 't', password: 'leak?', passwordHash: '$argon2id$leak' }),
    );
    expect(envelope).toMatchObject({ id: 'e-1', type: 'identity.user-registered.v1', correlationId: 'c-1', ...tenant });
    expect(envelope!.data).toEqual({ userId: 'u-1', username: 'anna@contoso.com', firstName: 'Anna', lastName: 'Berg', email: 'a@contoso.com', role: 'org_user', ...tenant, registeredAt: 't' });
    expect(JSON.stringify(envelope)).not.toMatch(/leak|password/i);
  });

  it('publishes changes, status changes and deletions with the tenant', () => {
    expect(identityEventMapper(recorded('UserDetailsChanged', { userId: 'u-1', firstName: 'A', lastName: 'B', email: 'e@x.io', role: 'org_admin', ...tenant, changedBy: 'u-0', changedAt: 't' }))).toMatchObject({
      type: 'identity.user-changed.v1',
      data: { userId: 'u-1', firstName: 'A', lastName: 'B', email: 'e@x.io', role: 'org_admin', ...tenant, changedAt: 't' },
    });
    expect(identityEventMapper(recorded('UserDisabled', { userId: 'u-1', ...tenant, disabledBy: 'u-0', disabledAt: 't' }))).toMatchObject({ type: 'identity.user-disabled.v1', data: { userId: 'u-1', ...tenant, at: 't' } });
    expect(identityEventMapper(recorded('UserEnabled', { userId: 'u-1', ...tenant, enabledBy: 'u-0', enabledAt: 't' }))).toMatchObject({ type: 'identity.user-enabled.v1', data: { userId: 'u-1', ...tenant, at: 't' } });
    expect(identityEventMapper(recorded('UserDeleted', { userId: 'u-1', username: 'anna@contoso.com', ...tenant, deletedBy: 'u-0', deletedAt: 't' }))).toMatchObject({
      type: 'identity.user-deleted.v1',
      ...tenant,
      data: { userId: 'u-1', username: 'anna@contoso.com', ...tenant, deletedAt: 't' },
    });
  });

  it('takes the tenant of an older status event from its metadata', () => {
    expect(identityEventMapper(recorded('UserDisabled', { userId: 'u-1', disabledBy: 'u-0', disabledAt: 't' }))).toMatchObject({ data: { ...tenant } });
  });

  it('keeps username claims, the domain index and the rest of a session\'s life internal', () => {
    expect(identityEventMapper(recorded('UsernameClaimed', { username: 'a@b.io', userId: 'u-1', claimedAt: 't' }))).toBeNull();
    expect(identityEventMapper(recorded('DomainUserAdded', { organizationId: 'o-1', domain: 'b.io', userId: 'u-1' }))).toBeNull();
    const issue = { sessionId: 's-1', userId: 'u-1', generation: 0, userRevision: 3, expiresAt: 't', sourceAddress: '203.0.113.7', ...tenant };
    expect(identityEventMapper(recorded('SessionOpened', { ...issue, openedAt: 't' }))).toBeNull();
    expect(identityEventMapper(recorded('SessionRefreshed', { ...issue, generation: 1, refreshedAt: 't' }))).toBeNull();
    expect(identityEventMapper(recorded('SessionFamilyRevoked', { sessionId: 's-1', userId: 'u-1', reusedGeneration: 0, currentGeneration: 1, sourceAddress: '203.0.113.7', ...tenant, revokedAt: 't' }))).toBeNull();
  });

  describe('for the activity log', () => {
    /** The envelope of an event recorded at 09:00 with correlation c-1. */
    const envelope = (type: string, owner: { resellerId: string | null; organizationId: string | null }, actorId: string, data: Record<string, unknown>) => ({
      id: 'e-1',
      type,
      occurredAt: '2026-03-16T09:00:00.000Z',
      correlationId: 'c-1',
      causationId: 'c-1',
      ...owner,
      actorId,
      data,
    });
    const platform = { resellerId: null, organizationId: null };
    const digest = 'd'.repeat(64);

    it('publishes a password change, by the user or an admin, with nothing about the password', () => {
      const changed = identityEventMapper(
        recorded('UserPasswordChanged', { userId: 'u-1', changedBy: 'u-admin', changedAt: 't', ...tenant, passwordHash: '$argon2id$leak' }, { correlationId: 'c-1', actorId: 'u-admin', ...tenant }),
      );
      expect(changed).toEqual(envelope('identity.password-changed.v1', tenant, 'u-admin', { userId: 'u-1', changedBy: 'u-admin', at: 't' }));
      expect(JSON.stringify(changed)).not.toMatch(/leak|argon/);
      // Recorded before the tenant was carried: the metadata's.
      expect(identityEventMapper(recorded('UserPasswordChanged', { userId: 'u-1', changedBy: 'u-1', changedAt: 't' }))).toMatchObject({ ...tenant });
    });

    it("publishes a sign-in with the user's tenant and the client's address", () => {
      const metadata = { correlationId: 'c-1', actorId: 'u-1', ...tenant };
      const data = { userId: 'u-1', sourceAddress: '203.0.113.7', ...tenant, at: 't' };
      expect(identityEventMapper(recorded('SignInSucceeded', data, metadata))).toEqual(
        envelope('identity.signed-in.v1', tenant, 'u-1', { userId: 'u-1', ...tenant, clientAddress: '203.0.113.7', at: 't' }),
      );
      // A platform admin has no tenant: only the platform sees it.
      expect(identityEventMapper(recorded('SignInSucceeded', { ...data, ...platform, sourceAddress: null }, { correlationId: 'c-1', actorId: 'u-0' }))).toEqual(
        envelope('identity.signed-in.v1', platform, 'u-0', { userId: 'u-1', ...platform, clientAddress: null, at: 't' }),
      );
    });

    it('publishes a refused sign-in by its user (if any), its reason and address; an unknown username belongs to no tenant', () => {
      const anonymous = { correlationId: 'c-1', actorId: 'anonymous' };
      expect(identityEventMapper(recorded('SignInFailed', { userId: 'u-1', usernameDigest: null, reason: 'wrong_password', sourceAddress: '203.0.113.7', at: 't' }, anonymous))).toEqual(
        envelope('identity.sign-in-failed.v1', platform, 'anonymous', { userId: 'u-1', reason: 'wrong_password', clientAddress: '203.0.113.7', at: 't' }),
      );
      expect(identityEventMapper(recorded('SignInFailed', { userId: 'u-1', usernameDigest: null, reason: 'user_not_active', sourceAddress: null, at: 't' }, { ...anonymous, ...tenant }))).toEqual(
        envelope('identity.sign-in-failed.v1', tenant, 'anonymous', { userId: 'u-1', reason: 'user_not_active', clientAddress: null, at: 't' }),
      );
      // Whatever the metadata says, nobody's username is nobody's tenant.
      expect(identityEventMapper(recorded('SignInFailed', { userId: null, usernameDigest: digest, reason: 'unknown_user', sourceAddress: '203.0.113.7', at: 't' }, { ...anonymous, ...tenant }))).toEqual(
        envelope('identity.sign-in-failed.v1', platform, 'anonymous', { userId: null, reason: 'unknown_user', clientAddress: '203.0.113.7', at: 't' }),
      );
      expect(identityEventMapper(recorded('SignInThrottled', { userId: null, usernameDigest: digest, limit: 'address', retryAfterSeconds: 30, sourceAddress: '203.0.113.7', at: 't' }, anonymous))).toEqual(
        envelope('identity.sign-in-failed.v1', platform, 'anonymous', { userId: null, reason: 'throttled', clientAddress: '203.0.113.7', at: 't' }),
      );
    });

    it("never publishes a refused sign-in's password, username or digest, even if the event held them", () => {
      const secrets = { password: 'Hunter2-typed!', passwordHash: '$argon2id$v=19$abc', username: 'anna@contoso.com', token: 'eyJhbGciOi.jwt', sessionId: 's-secret' };
      for (const type of ['SignInFailed', 'SignInThrottled']) {
        const published = identityEventMapper(
          recorded(type, { userId: null, usernameDigest: digest, reason: 'unknown_user', limit: 'pair', retryAfterSeconds: 5, sourceAddress: '203.0.113.7', at: 't', ...secrets }, { correlationId: 'c-1', actorId: 'anonymous' }),
        );
        expect(published).not.toBeNull();
        const text = JSON.stringify(published);
        for (const secret of [...Object.values(secrets), digest]) expect(text).not.toContain(secret);
        expect(Object.keys(published!.data as object).sort()).toEqual(['at', 'clientAddress', 'reason', 'userId']);
      }
    });

    it('publishes a sign-out, of one session or everywhere, without the session', () => {
      const metadata = { correlationId: 'c-1', actorId: 'u-1', ...tenant };
      expect(identityEventMapper(recorded('SessionEnded', { sessionId: 's-1', userId: 'u-1', reason: 'logout', ...tenant, endedAt: 't' }, metadata))).toEqual(
        envelope('identity.signed-out.v1', tenant, 'u-1', { userId: 'u-1', everywhere: false, ...tenant, at: 't' }),
      );
      expect(identityEventMapper(recorded('UserSessionsEnded', { userId: 'u-1', endedBy: 'u-1', ...tenant, endedAt: 't' }, metadata))).toEqual(
        envelope('identity.signed-out.v1', tenant, 'u-1', { userId: 'u-1', everywhere: true, ...tenant, at: 't' }),
      );
      expect(identityEventMapper(recorded('SessionEnded', { sessionId: 's-1', userId: 'u-1', reason: 'expired', ...tenant, endedAt: 't' }, metadata))).toBeNull();
    });
  });
});

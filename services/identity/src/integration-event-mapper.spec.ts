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

  it('keeps password changes, username claims and the domain index internal', () => {
    expect(identityEventMapper(recorded('UserPasswordChanged', { userId: 'u-1', changedBy: 'u-1', changedAt: 't' }))).toBeNull();
    expect(identityEventMapper(recorded('UsernameClaimed', { username: 'a@b.io', userId: 'u-1', claimedAt: 't' }))).toBeNull();
    expect(identityEventMapper(recorded('DomainUserAdded', { organizationId: 'o-1', domain: 'b.io', userId: 'u-1' }))).toBeNull();
  });
});

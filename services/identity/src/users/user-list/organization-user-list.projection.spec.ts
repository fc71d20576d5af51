import type { RecordedEvent } from '@broker/event-sourcing';
import { organizationUserListProjection as projection } from './organization-user-list.projection';

let revision = 0n;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'user-u-1',
  revision: revision++,
  position: { commit: 1n, prepare: revision },
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c-1', resellerId: 'r-1', organizationId: 'o-1', actorId: 'u-0' },
  recordedAt: new Date('2026-03-16T09:00:00Z'),
});

const tenant = { resellerId: 'r-1', organizationId: 'o-1' };
const registered = recorded('UserRegistered', {
  userId: 'u-1', username: 'anna@contoso.com', firstName: 'Anna', lastName: 'Berg', email: 'anna@contoso.com', role: 'org_user', ...tenant, registeredBy: 'u-0', registeredAt: '2026-03-16T09:00:00.000Z',
});

describe('organization user list projection', () => {
  it('lists an organization user and follows changes and status', () => {
    const first = projection.evolve(null, registered);
    expect(first).toEqual({ id: 'u-1', username: 'anna@contoso.com', firstName: 'Anna', lastName: 'Berg', email: 'anna@contoso.com', role: 'org_user', costCentre: null, status: 'active', ...tenant, registeredAt: '2026-03-16T09:00:00.000Z' });
    const changed = projection.evolve(first, recorded('UserDetailsChanged', { userId: 'u-1', firstName: 'Ann', lastName: 'Berg', email: 'a@contoso.com', role: 'org_admin', ...tenant, changedBy: 'u-0', changedAt: 'x' }));
    expect(changed).toMatchObject({ firstName: 'Ann', email: 'a@contoso.com', role: 'org_admin', username: 'anna@contoso.com' });
    const disabled = projection.evolve(changed, recorded('UserDisabled', { userId: 'u-1', ...tenant, disabledBy: 'u-0', disabledAt: 'x' }));
    expect(disabled?.status).toBe('disabled');
    expect(projection.evolve(disabled, recorded('UserEnabled', { userId: 'u-1', ...tenant, enabledBy: 'u-0', enabledAt: 'x' }))?.status).toBe('active');
    expect(projection.documentId(registered)).toBe('u-1');
  });

  it("keeps the user's cost centre label; events from before it have none", () => {
    const labelled = projection.evolve(null, recorded('UserRegistered', { ...registered.data, costCentre: 'Research' }));
    expect(labelled?.costCentre).toBe('Research');
    const details = { userId: 'u-1', firstName: 'Anna', lastName: 'Berg', email: 'anna@contoso.com', role: 'org_user', ...tenant, changedBy: 'u-0', changedAt: 'x' };
    expect(projection.evolve(labelled, recorded('UserDetailsChanged', { ...details, costCentre: 'Sales' }))?.costCentre).toBe('Sales');
    expect(projection.evolve(labelled, recorded('UserDetailsChanged', { ...details, costCentre: null }))?.costCentre).toBeNull();
  });

  it('drops deleted users, and never lists platform or reseller staff', () => {
    const first = projection.evolve(null, registered);
    expect(projection.evolve(first, recorded('UserDeleted', { userId: 'u-1', username: 'anna@contoso.com', ...tenant, deletedBy: 'u-0', deletedAt: 'x' }))).toBeNull();
    const resellerAdmin = recorded('UserRegistered', { ...registered.data, role: 'reseller_admin', organizationId: null });
    expect(projection.evolve(null, resellerAdmin)).toBeNull();
    expect(projection.evolve(null, recorded('UserDisabled', { userId: 'u-1', disabledBy: 'u-0', disabledAt: 'x' }))).toBeNull();
  });

  it('is idempotent for the same event', () => {
    const once = projection.evolve(null, registered);
    expect(projection.evolve(once, registered)).toEqual(once);
  });
});

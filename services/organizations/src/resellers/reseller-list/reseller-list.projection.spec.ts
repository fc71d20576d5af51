import type { RecordedEvent } from '@broker/event-sourcing';
import { organizationsEventMapper } from '../../integration-event-mapper';
import { resellerListProjection } from './reseller-list.projection';

const recorded = (type: string, data: Record<string, unknown>, revision = 0n): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'reseller-r-1',
  revision,
  position: { commit: 1n, prepare: revision },
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c-1', resellerId: 'r-1', actorId: 'u-0' },
  recordedAt: new Date('2026-03-16T09:00:00Z'),
});

const created = recorded('ResellerCreated', {
  resellerId: 'r-1', name: 'Northwind', currency: 'EUR', notificationEmail: 'a@n.example', supportEmail: 's@n.example', createdBy: 'u-0', createdAt: '2026-03-16T09:00:00.000Z',
});

describe('reseller list projection', () => {
  it('builds the list entry and follows property changes', () => {
    const first = resellerListProjection.evolve(null, created);
    expect(first).toEqual({ id: 'r-1', name: 'Northwind', currency: 'EUR', notificationEmail: 'a@n.example', supportEmail: 's@n.example', createdAt: '2026-03-16T09:00:00.000Z' });
    const changed = resellerListProjection.evolve(first, recorded('ResellerPropertiesChanged', { resellerId: 'r-1', notificationEmail: 'b@n.example', supportEmail: 't@n.example', changedBy: 'u-1', changedAt: 'x' }, 1n));
    expect(changed).toMatchObject({ notificationEmail: 'b@n.example', supportEmail: 't@n.example', name: 'Northwind' });
    expect(resellerListProjection.documentId(created)).toBe('r-1');
  });
});

describe('organizations integration event mapper', () => {
  it('publishes ResellerCreated as organizations.reseller-created.v1 with the tenant and correlation', () => {
    expect(organizationsEventMapper(created)).toMatchObject({
      id: 'e-0',
      type: 'organizations.reseller-created.v1',
      correlationId: 'c-1',
      resellerId: 'r-1',
      data: { resellerId: 'r-1', name: 'Northwind', currency: 'EUR' },
    });
  });

  it('publishes ResellerPropertiesChanged as organizations.reseller-properties-changed.v1', () => {
    const changed = recorded('ResellerPropertiesChanged', { resellerId: 'r-1', notificationEmail: 'b@n.example', supportEmail: 't@n.example', changedBy: 'u-1', changedAt: 'x' }, 1n);
    expect(organizationsEventMapper(changed)).toMatchObject({
      type: 'organizations.reseller-properties-changed.v1',
      resellerId: 'r-1',
      organizationId: null,
      data: { resellerId: 'r-1', notificationEmail: 'b@n.example', supportEmail: 't@n.example' },
    });
  });
});

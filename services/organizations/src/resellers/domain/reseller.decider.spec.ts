import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { resellerDecider } from './reseller.decider';
import { ResellerAlreadyExistsError, ResellerNotFoundError } from './reseller.errors';

const spec = DeciderSpecification.for(resellerDecider);
const at = new Date('2026-03-16T09:00:00Z');
const fields = { resellerId: 'r-1', name: 'Northwind', currency: 'EUR', notificationEmail: 'a@n.example', supportEmail: 's@n.example' };
const created = { type: 'ResellerCreated' as const, data: { ...fields, createdBy: 'u-0', createdAt: at.toISOString() } };

describe('reseller decider', () => {
  it('creates a reseller once', () => {
    spec.when({ type: 'CreateReseller', data: fields, actorId: 'u-0', at }).then([created]);
    spec.given([created]).when({ type: 'CreateReseller', data: fields, actorId: 'u-0', at }).thenThrows(ResellerAlreadyExistsError);
  });

  it('changes properties, and records nothing when they are unchanged', () => {
    const change = { resellerId: 'r-1', notificationEmail: 'new@n.example', supportEmail: 's@n.example' };
    spec
      .given([created])
      .when({ type: 'ChangeResellerProperties', data: change, actorId: 'u-1', at })
      .then([{ type: 'ResellerPropertiesChanged', data: { ...change, changedBy: 'u-1', changedAt: at.toISOString() } }]);
    spec
      .given([created])
      .when({ type: 'ChangeResellerProperties', data: { resellerId: 'r-1', notificationEmail: 'a@n.example', supportEmail: 's@n.example' }, actorId: 'u-1', at })
      .then([]);
  });

  it('refuses to change a reseller that does not exist', () => {
    spec
      .when({ type: 'ChangeResellerProperties', data: { resellerId: 'r-9', notificationEmail: 'x@y.example', supportEmail: 'x@y.example' }, actorId: 'u-1', at })
      .thenThrows(ResellerNotFoundError);
  });
});

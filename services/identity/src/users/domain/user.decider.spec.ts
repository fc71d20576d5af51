import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { userDecider, type NewUser } from './user.decider';
import { UserAlreadyExistsError, UserNotFoundError } from './user.errors';

const spec = DeciderSpecification.for(userDecider);
const at = new Date('2026-03-16T09:00:00Z');
const anna: NewUser = { userId: 'u-1', username: 'anna@contoso.com', firstName: 'Anna', lastName: 'Berg', email: 'anna@contoso.com', role: 'org_admin', resellerId: 'r-1', organizationId: 'o-1' };
const registered = { type: 'UserRegistered' as const, data: { ...anna, registeredBy: 'u-0', registeredAt: at.toISOString() } };
const disabled = { type: 'UserDisabled' as const, data: { userId: 'u-1', disabledBy: 'u-0', disabledAt: at.toISOString() } };

describe('user decider', () => {
  it('registers a user once', () => {
    spec.when({ type: 'RegisterUser', data: anna, actorId: 'u-0', at }).then([registered]);
    spec.given([registered]).when({ type: 'RegisterUser', data: anna, actorId: 'u-0', at }).thenThrows(UserAlreadyExistsError);
  });

  it('disables and enables, each only when it changes something', () => {
    spec.given([registered]).when({ type: 'DisableUser', data: { userId: 'u-1' }, actorId: 'u-0', at }).then([disabled]);
    spec.given([registered, disabled]).when({ type: 'DisableUser', data: { userId: 'u-1' }, actorId: 'u-0', at }).then([]);
    spec
      .given([registered, disabled])
      .when({ type: 'EnableUser', data: { userId: 'u-1' }, actorId: 'u-0', at })
      .then([{ type: 'UserEnabled', data: { userId: 'u-1', enabledBy: 'u-0', enabledAt: at.toISOString() } }]);
    spec.when({ type: 'DisableUser', data: { userId: 'u-1' }, actorId: 'u-0', at }).thenThrows(UserNotFoundError);
  });

  it('evolves to the registered user and its status', () => {
    const state = [registered, disabled].reduce(userDecider.evolve, userDecider.initialState());
    expect(state).toEqual({ status: 'disabled', ...anna });
  });
});

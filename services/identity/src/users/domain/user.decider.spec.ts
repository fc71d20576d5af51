import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { userDecider, type NewUser } from './user.decider';
import { CannotChangeOwnStatusError, RegistrationAbandonedError, UserAlreadyExistsError, UserNotFoundError, UserValidationError } from './user.errors';

const spec = DeciderSpecification.for(userDecider);
const at = new Date('2026-03-16T09:00:00Z');
const when = at.toISOString();
const tenant = { resellerId: 'r-1', organizationId: 'o-1' };
const anna: NewUser = { userId: 'u-1', username: 'anna@contoso.com', firstName: 'Anna', lastName: 'Berg', email: 'anna@contoso.com', role: 'org_user', ...tenant };
/** As recorded before users carried a cost centre: without one. */
const registered = { type: 'UserRegistered' as const, data: { ...anna, registeredBy: 'u-0', registeredAt: when } };
const disabled = { type: 'UserDisabled' as const, data: { userId: 'u-1', ...tenant, disabledBy: 'u-0', disabledAt: when } };
const deleted = { type: 'UserDeleted' as const, data: { userId: 'u-1', username: 'anna@contoso.com', ...tenant, deletedBy: 'u-0', deletedAt: when } };
const by = (actorId: string) => ({ actorId, at });

describe('user decider', () => {
  it('registers a user once', () => {
    spec.when({ type: 'RegisterUser', data: anna, ...by('u-0') }).then([{ ...registered, data: { ...registered.data, costCentre: null } }]);
    spec.given([registered]).when({ type: 'RegisterUser', data: anna, ...by('u-0') }).thenThrows(UserAlreadyExistsError);
  });

  it('abandons a registration that never recorded its user, for good, and never a recorded one', () => {
    const abandon = { type: 'AbandonRegistration' as const, data: { userId: 'u-1', username: 'anna@contoso.com' }, ...by('u-9') };
    const abandoned = { type: 'UserRegistrationAbandoned' as const, data: { userId: 'u-1', username: 'anna@contoso.com', abandonedBy: 'u-9', abandonedAt: when } };
    spec.when(abandon).then([abandoned]);
    spec.given([abandoned]).when(abandon).then([]);
    spec.given([registered]).when(abandon).thenThrows(UserAlreadyExistsError);
    spec.given([abandoned]).when({ type: 'RegisterUser', data: anna, ...by('u-0') }).thenThrows(RegistrationAbandonedError, (e) => e.code === 'USER.CONFLICT');
    spec.given([abandoned]).when({ type: 'DisableUser', data: { userId: 'u-1' }, ...by('u-0') }).thenThrows(UserNotFoundError);
  });

  it('changes details, recording all editable fields after the change, and nothing when nothing changes', () => {
    spec
      .given([registered])
      .when({ type: 'ChangeUserDetails', data: { userId: 'u-1', lastName: 'Lund', role: 'org_admin' }, ...by('u-0') })
      .then([{ type: 'UserDetailsChanged', data: { userId: 'u-1', firstName: 'Anna', lastName: 'Lund', email: 'anna@contoso.com', role: 'org_admin', costCentre: null, ...tenant, changedBy: 'u-0', changedAt: when } }]);
    spec.given([registered]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', firstName: 'Anna' }, ...by('u-0') }).then([]);
  });

  describe('cost centre label', () => {
    const details = { userId: 'u-1', firstName: 'Anna', lastName: 'Berg', email: 'anna@contoso.com', role: 'org_user' as const, ...tenant, changedBy: 'u-0', changedAt: when };
    const labelled = { type: 'UserRegistered' as const, data: { ...anna, costCentre: 'Research', registeredBy: 'u-0', registeredAt: when } };

    it('is recorded at registration, trimmed; a blank one, null or none given is none', () => {
      spec.when({ type: 'RegisterUser', data: { ...anna, costCentre: '  Research ' }, ...by('u-0') }).then([labelled]);
      for (const costCentre of [null, '   ', undefined]) {
        spec.when({ type: 'RegisterUser', data: { ...anna, costCentre }, ...by('u-0') }).then([{ ...registered, data: { ...registered.data, costCentre: null } }]);
      }
    });

    it('is refused over 100 characters, with control characters, and on users outside organizations', () => {
      spec.when({ type: 'RegisterUser', data: { ...anna, costCentre: 'x'.repeat(100) }, ...by('u-0') }).then([{ ...labelled, data: { ...labelled.data, costCentre: 'x'.repeat(100) } }]);
      for (const costCentre of ['x'.repeat(101), 'Re\nsearch', 'Re\u202Esearch']) {
        spec.when({ type: 'RegisterUser', data: { ...anna, costCentre }, ...by('u-0') }).thenThrows(UserValidationError, (e) => e.errors[0]?.field === 'costCentre');
      }
      const staff = { ...anna, role: 'reseller_admin' as const, organizationId: null };
      spec.when({ type: 'RegisterUser', data: { ...staff, costCentre: 'Research' }, ...by('u-0') }).thenThrows(UserValidationError, (e) => e.errors[0]?.field === 'costCentre');
      const staffRegistered = { type: 'UserRegistered' as const, data: { ...staff, costCentre: null, registeredBy: 'u-0', registeredAt: when } };
      spec.given([staffRegistered]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', costCentre: 'Research' }, ...by('u-0') }).thenThrows(UserValidationError);
    });

    it('changes with the other details: set, kept when not named, removed with null or blank, nothing recorded when the same', () => {
      const changed = (costCentre: string | null) => ({ type: 'UserDetailsChanged' as const, data: { ...details, costCentre } });
      spec.given([registered]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', costCentre: ' Sales ' }, ...by('u-0') }).then([changed('Sales')]);
      spec.given([labelled]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', lastName: 'Lund' }, ...by('u-0') }).then([{ ...changed('Research'), data: { ...changed('Research').data, lastName: 'Lund' } }]);
      spec.given([labelled]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', costCentre: null }, ...by('u-0') }).then([changed(null)]);
      spec.given([labelled]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', costCentre: ' ' }, ...by('u-0') }).then([changed(null)]);
      spec.given([labelled]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', costCentre: 'Research ' }, ...by('u-0') }).then([]);
      spec.given([registered]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', costCentre: null }, ...by('u-0') }).then([]);
      spec.given([labelled]).when({ type: 'ChangeUserDetails', data: { userId: 'u-1', costCentre: 'x'.repeat(101) }, ...by('u-0') }).thenThrows(UserValidationError);
    });

    it('evolves with the label, and reads events from before it as none', () => {
      const evolve = (events: Parameters<typeof userDecider.evolve>[1][]) => events.reduce(userDecider.evolve, userDecider.initialState());
      expect(evolve([labelled])).toMatchObject({ costCentre: 'Research' });
      expect(evolve([registered])).toMatchObject({ costCentre: null });
      expect(evolve([labelled, { type: 'UserDetailsChanged', data: { ...details, costCentre: 'Sales' } }])).toMatchObject({ costCentre: 'Sales' });
      expect(evolve([labelled, { type: 'UserDetailsChanged', data: { ...details, costCentre: null } }])).toMatchObject({ costCentre: null });
    });
  });

  it('gives organization users organization roles only', () => {
    spec
      .given([registered])
      .when({ type: 'ChangeUserDetails', data: { userId: 'u-1', role: 'reseller_admin' }, ...by('u-0') })
      .thenThrows(UserValidationError, (e) => e.errors[0]?.field === 'role');
    spec
      .given([registered])
      .when({ type: 'ChangeUserDetails', data: { userId: 'u-1', role: 'platform_admin' }, ...by('u-0') })
      .thenThrows(UserValidationError);
  });

  it('records a password change without any secret in the event', () => {
    spec
      .given([registered])
      .when({ type: 'ChangePassword', data: { userId: 'u-1' }, ...by('u-1') })
      .then([{ type: 'UserPasswordChanged', data: { userId: 'u-1', ...tenant, changedBy: 'u-1', changedAt: when } }]);
  });

  it('records that a user signed out everywhere, and not of a deleted user', () => {
    spec
      .given([registered])
      .when({ type: 'EndSessions', data: { userId: 'u-1' }, ...by('u-1') })
      .then([{ type: 'UserSessionsEnded', data: { userId: 'u-1', ...tenant, endedBy: 'u-1', endedAt: when } }]);
    spec.given([registered, deleted]).when({ type: 'EndSessions', data: { userId: 'u-1' }, ...by('u-1') }).thenThrows(UserNotFoundError);
  });

  it('disables and enables, each only when it changes something', () => {
    spec.given([registered]).when({ type: 'DisableUser', data: { userId: 'u-1' }, ...by('u-0') }).then([disabled]);
    spec.given([registered, disabled]).when({ type: 'DisableUser', data: { userId: 'u-1' }, ...by('u-0') }).then([]);
    spec
      .given([registered, disabled])
      .when({ type: 'EnableUser', data: { userId: 'u-1' }, ...by('u-0') })
      .then([{ type: 'UserEnabled', data: { userId: 'u-1', ...tenant, enabledBy: 'u-0', enabledAt: when } }]);
    spec.given([registered]).when({ type: 'EnableUser', data: { userId: 'u-1' }, ...by('u-0') }).then([]);
    spec.when({ type: 'DisableUser', data: { userId: 'u-1' }, ...by('u-0') }).thenThrows(UserNotFoundError);
  });

  it('never lets anyone disable or delete themselves', () => {
    spec.given([registered]).when({ type: 'DisableUser', data: { userId: 'u-1' }, ...by('u-1') }).thenThrows(CannotChangeOwnStatusError, (e) => e.code === 'USER.DISABLE_SELF.FORBIDDEN');
    spec.given([registered]).when({ type: 'DeleteUser', data: { userId: 'u-1' }, ...by('u-1') }).thenThrows(CannotChangeOwnStatusError, (e) => e.code === 'USER.DELETE_SELF.FORBIDDEN');
  });

  it('deletes a user with its username, after which the user is gone for every command', () => {
    spec.given([registered, disabled]).when({ type: 'DeleteUser', data: { userId: 'u-1' }, ...by('u-0') }).then([deleted]);
    for (const command of [
      { type: 'DeleteUser' as const, data: { userId: 'u-1' } },
      { type: 'EnableUser' as const, data: { userId: 'u-1' } },
      { type: 'DisableUser' as const, data: { userId: 'u-1' } },
      { type: 'ChangePassword' as const, data: { userId: 'u-1' } },
      { type: 'ChangeUserDetails' as const, data: { userId: 'u-1', firstName: 'X' } },
    ]) {
      spec.given([registered, deleted]).when({ ...command, ...by('u-0') }).thenThrows(UserNotFoundError);
    }
    spec.given([registered, deleted]).when({ type: 'RegisterUser', data: anna, ...by('u-0') }).thenThrows(UserAlreadyExistsError);
  });

  it('evolves to the user, its details and its status', () => {
    const changed = { type: 'UserDetailsChanged' as const, data: { userId: 'u-1', firstName: 'Ann', lastName: 'Berg', email: 'a@contoso.com', role: 'org_viewer' as const, ...tenant, changedBy: 'u-0', changedAt: when } };
    const state = [registered, changed, disabled].reduce(userDecider.evolve, userDecider.initialState());
    expect(state).toEqual({ ...anna, status: 'disabled', firstName: 'Ann', email: 'a@contoso.com', role: 'org_viewer', costCentre: null });
    expect(userDecider.evolve(state, deleted)).toMatchObject({ status: 'deleted', username: 'anna@contoso.com' });
  });
});

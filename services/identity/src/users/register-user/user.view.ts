import type { OrganizationUserView, UserView } from '@broker/contracts';
import { isExistingUser, type UserState } from '../domain/user.decider';
import { UserNotFoundError } from '../domain/user.errors';

/** The user as the API shows it; a missing or deleted user is USER.NOT_FOUND. */
export function toUserView(state: UserState): UserView {
  if (!isExistingUser(state)) throw new UserNotFoundError('userId' in state ? state.userId : 'unknown');
  const { userId, username, firstName, lastName, email, role, resellerId, organizationId, status } = state;
  return { id: userId, username, firstName, lastName, email, role, resellerId, organizationId, status };
}

/** A user with the details only users of an organization have (their cost centre label). */
export type UserDetailsView = UserView & Pick<OrganizationUserView, 'costCentre'>;

export function toUserDetailsView(state: UserState): UserDetailsView {
  const view = toUserView(state);
  return { ...view, costCentre: isExistingUser(state) ? state.costCentre : null };
}

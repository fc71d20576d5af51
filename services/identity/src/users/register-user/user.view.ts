import type { UserView } from '@broker/contracts';
import type { UserState } from '../domain/user.decider';
import { UserNotFoundError } from '../domain/user.errors';

export function toUserView(state: UserState): UserView {
  if (state.status === 'none') throw new UserNotFoundError('unknown');
  const { userId, username, firstName, lastName, email, role, resellerId, organizationId, status } = state;
  return { id: userId, username, firstName, lastName, email, role, resellerId, organizationId, status };
}

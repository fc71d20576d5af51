import type { SessionUser } from '@broker/contracts';
import type { UserState } from '../users/domain/user.decider';

/** The user as a session sees it, or null when the user may not have a session (missing or disabled). */
export function activeSessionUser(state: UserState): SessionUser | null {
  if (state.status !== 'active') return null;
  return { id: state.userId, username: state.username, role: state.role, resellerId: state.resellerId, organizationId: state.organizationId };
}

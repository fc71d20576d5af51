import type { Role } from '@broker/contracts';
import type { Projection } from '@broker/read-models';
import type { UserEvent } from '../domain/user.events';

/** One user of an organization in the list (without servicesCount, which comes from the catalog's side). */
export interface OrganizationUserListEntry {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  /** Absent in rows written before users carried a label: none. */
  costCentre?: string | null;
  status: 'active' | 'disabled';
  resellerId: string | null;
  organizationId: string;
  registeredAt: string;
}

/** The users of every organization, over identity's own user events; deleted users leave the list. */
export const organizationUserListProjection: Projection<OrganizationUserListEntry> = {
  name: 'organization_users',
  version: 1,
  handles: ['UserRegistered', 'UserDetailsChanged', 'UserDisabled', 'UserEnabled', 'UserDeleted'],
  indexes: { organizationId: 'string', username: 'string' },
  documentId: (event) => String(event.data.userId),
  evolve(document, recorded) {
    const event = { type: recorded.type, data: recorded.data } as UserEvent;
    switch (event.type) {
      case 'UserRegistered': {
        const { userId, username, firstName, lastName, email, role, resellerId, organizationId, registeredAt } = event.data;
        if (organizationId === null) return null; // platform and reseller staff are no organization's users
        return { id: userId, username, firstName, lastName, email, role, costCentre: event.data.costCentre ?? null, status: 'active', resellerId, organizationId, registeredAt };
      }
      case 'UserDetailsChanged': {
        const { firstName, lastName, email, role } = event.data;
        return document && { ...document, firstName, lastName, email, role, costCentre: event.data.costCentre ?? null };
      }
      case 'UserDisabled':
        return document && { ...document, status: 'disabled' };
      case 'UserEnabled':
        return document && { ...document, status: 'active' };
      case 'UserDeleted':
        return null;
      default:
        return document;
    }
  },
};

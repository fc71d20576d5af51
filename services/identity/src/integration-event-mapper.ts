import { IdentityEvents } from '@broker/contracts';
import type { RecordedEvent } from '@broker/event-sourcing';
import { envelopeFromEvent, type IntegrationEventMapper } from '@broker/messaging';
import type { UserEvent } from './users/domain/user.events';

/** The user's tenant from the event, or (for events written before it was carried) from the event's metadata. */
function tenantOf(recorded: RecordedEvent, data: { resellerId?: string | null; organizationId?: string | null }) {
  const fromMetadata = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
  return {
    resellerId: data.resellerId !== undefined ? data.resellerId : fromMetadata(recorded.metadata.resellerId),
    organizationId: data.organizationId !== undefined ? data.organizationId : fromMetadata(recorded.metadata.organizationId),
  };
}

/**
 * The one place where internal events of identity become integration events. Each data shape is built field by
 * field, so nothing else (never a password or a hash) can leave the service. Password changes, username claims and
 * the domain membership index stay internal.
 */
export const identityEventMapper: IntegrationEventMapper = (recorded) => {
  const event = { type: recorded.type, data: recorded.data } as UserEvent;
  switch (event.type) {
    case 'UserRegistered': {
      const { userId, username, firstName, lastName, email, role, resellerId, organizationId, registeredAt } = event.data;
      return envelopeFromEvent(
        recorded,
        IdentityEvents.userRegistered,
        { userId, username, firstName, lastName, email, role, resellerId, organizationId, registeredAt },
        { resellerId, organizationId },
      );
    }
    case 'UserDetailsChanged': {
      const { userId, firstName, lastName, email, role, resellerId, organizationId, changedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        IdentityEvents.userChanged,
        { userId, firstName, lastName, email, role, resellerId, organizationId, changedAt },
        { resellerId, organizationId },
      );
    }
    case 'UserDisabled':
    case 'UserEnabled': {
      const tenant = tenantOf(recorded, event.data);
      const at = event.type === 'UserDisabled' ? event.data.disabledAt : event.data.enabledAt;
      const contract = event.type === 'UserDisabled' ? IdentityEvents.userDisabled : IdentityEvents.userEnabled;
      return envelopeFromEvent(recorded, contract, { userId: event.data.userId, ...tenant, at }, tenant);
    }
    case 'UserDeleted': {
      const { userId, username, resellerId, organizationId, deletedAt } = event.data;
      return envelopeFromEvent(
        recorded,
        IdentityEvents.userDeleted,
        { userId, username, resellerId, organizationId, deletedAt },
        { resellerId, organizationId },
      );
    }
    case 'UserPasswordChanged':
      return null;
    default:
      return null;
  }
};

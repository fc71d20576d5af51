import { IdentityEvents } from '@broker/contracts';
import type { RecordedEvent } from '@broker/event-sourcing';
import { envelopeFromEvent, type IntegrationEventMapper } from '@broker/messaging';
import type { SessionEvent } from './auth/sessions/domain/session.events';
import type { SignInEvent } from './auth/sign-in-events/domain/sign-in.events';
import type { UserEvent } from './users/domain/user.events';

/** The user's tenant from the event, or (for events written before it was carried) from the event's metadata. */
function tenantOf(recorded: RecordedEvent, data: { resellerId?: string | null; organizationId?: string | null }) {
  const fromMetadata = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
  return {
    resellerId: data.resellerId !== undefined ? data.resellerId : fromMetadata(recorded.metadata.resellerId),
    organizationId: data.organizationId !== undefined ? data.organizationId : fromMetadata(recorded.metadata.organizationId),
  };
}

/** The tenant in the metadata of a refused sign-in, when it names a user; an unknown username is nobody's. */
function failedSignInTenant(recorded: RecordedEvent, userId: string | null) {
  return userId === null ? { resellerId: null, organizationId: null } : tenantOf(recorded, {});
}

/**
 * The one place where internal events of identity become integration events. Each data shape is built field by
 * field, so nothing else (never a password, a hash, a token, a username digest or a session id) can leave the
 * service. Sign-ins, sign-outs and password changes are published for the activity log; username claims, the domain
 * membership index, session refreshes and the rest of a session's life stay internal.
 */
export const identityEventMapper: IntegrationEventMapper = (recorded) => {
  const event = { type: recorded.type, data: recorded.data } as UserEvent | SignInEvent | SessionEvent;
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
    case 'UserPasswordChanged': {
      const { userId, changedBy, changedAt } = event.data;
      return envelopeFromEvent(recorded, IdentityEvents.passwordChanged, { userId, changedBy, at: changedAt }, tenantOf(recorded, event.data));
    }
    case 'SignInSucceeded': {
      const { userId, resellerId, organizationId, sourceAddress, at } = event.data;
      return envelopeFromEvent(
        recorded,
        IdentityEvents.signedIn,
        { userId, resellerId, organizationId, clientAddress: sourceAddress ?? null, at },
        { resellerId, organizationId },
      );
    }
    case 'SignInFailed':
    case 'SignInThrottled': {
      // Never the username digest: the attempt is named by its user, if any, and its address.
      const { userId, sourceAddress, at } = event.data;
      const reason = event.type === 'SignInThrottled' ? 'throttled' : event.data.reason;
      return envelopeFromEvent(
        recorded,
        IdentityEvents.signInFailed,
        { userId, reason, clientAddress: sourceAddress ?? null, at },
        failedSignInTenant(recorded, userId),
      );
    }
    case 'SessionEnded': {
      const { userId, reason, resellerId, organizationId, endedAt } = event.data;
      // Only a sign-out is published; a session ended any other way is not the user's doing.
      if (reason !== 'logout') return null;
      return envelopeFromEvent(recorded, IdentityEvents.signedOut, { userId, everywhere: false, resellerId, organizationId, at: endedAt }, { resellerId, organizationId });
    }
    case 'UserSessionsEnded': {
      // Recorded only by a sign-out everywhere (password changes and the like end sessions without this event).
      const { userId, resellerId, organizationId, endedAt } = event.data;
      return envelopeFromEvent(recorded, IdentityEvents.signedOut, { userId, everywhere: true, resellerId, organizationId, at: endedAt }, { resellerId, organizationId });
    }
    default:
      return null;
  }
};

import { IdentityEvents } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import { Directory } from '../directory/directory';
import { enqueueNotification, tooOldToMail } from '../outbox/enqueue-notification';
import type { NotificationContext } from '../outbox/notification-settings';
import { portalLink } from '../templates/formatting';
import { welcomeMail } from '../templates/welcome.template';

/** A new user gets their login name and the portal link at their contact e-mail. The event never carries a password. */
export function welcomeHandlers(context: NotificationContext): IntegrationEventHandlers {
  return eventHandlers(
    on(IdentityEvents.userRegistered, async (envelope, uow) => {
      const user = envelope.data;
      if (!user.email || tooOldToMail(envelope, context)) return;
      // The organization's name is a courtesy: the mail goes out without it when it is not known yet.
      const organization = user.organizationId ? await new Directory(uow).organization(user.organizationId) : null;
      const mail = welcomeMail({
        firstName: user.firstName,
        username: user.username,
        organizationName: organization?.name ?? null,
        loginUrl: portalLink(context.settings.publicUrl, 'login'),
      });
      await enqueueNotification(uow, context, { kind: 'welcome', envelope, to: { name: `${user.firstName} ${user.lastName}`, address: user.email }, mail });
    }),
  );
}

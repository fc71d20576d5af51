import { SupportRequestEvents } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import { Directory } from '../directory/directory';
import { enqueueNotification, tooOldToMail } from '../outbox/enqueue-notification';
import type { NotificationContext } from '../outbox/notification-settings';
import { portalLink } from '../templates/formatting';
import { supportRequestMail } from '../templates/support-request.template';

/** A support request goes to the reseller's support address; a reply goes straight to the requester. */
export function supportRequestHandlers(context: NotificationContext): IntegrationEventHandlers {
  return eventHandlers(
    on(SupportRequestEvents.supportRequestCreated, async (envelope, uow) => {
      if (tooOldToMail(envelope, context)) return;
      const request = envelope.data;
      const directory = new Directory(uow);
      const reseller = await directory.requireReseller(request.resellerId, 'supportEmail');
      const requester = await directory.requireUser(request.requestedBy);
      const organization = await directory.organization(request.organizationId);
      const mail = supportRequestMail({
        supportRequestId: request.supportRequestId,
        organizationName: request.organizationName,
        organizationId: request.organizationId,
        primaryDomain: organization?.primaryDomain ?? null,
        requester: { name: requester.name, username: requester.username, email: requester.email },
        subject: request.subject,
        message: request.message,
        subscription: request.subscription,
        createdAt: request.createdAt,
        organizationUrl: portalLink(context.settings.publicUrl, 'organizations', request.organizationId),
      });
      await enqueueNotification(uow, context, {
        kind: 'support_request',
        envelope,
        to: { name: reseller.name, address: reseller.supportEmail },
        replyTo: { name: requester.name, address: requester.email },
        mail,
      });
    }),
  );
}

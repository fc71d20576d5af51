import { ApprovalsEvents } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import { Directory } from '../directory/directory';
import { enqueueNotification, tooOldToMail } from '../outbox/enqueue-notification';
import type { NotificationContext } from '../outbox/notification-settings';
import { approvalRequestedMail } from '../templates/approval-requested.template';
import { portalLink } from '../templates/formatting';

/** A transaction that needs approval is mailed to its reseller's notification address. */
export function approvalRequestedHandlers(context: NotificationContext): IntegrationEventHandlers {
  return eventHandlers(
    on(ApprovalsEvents.transactionRequested, async (envelope, uow) => {
      const transaction = envelope.data;
      if (!transaction.needsApproval || tooOldToMail(envelope, context)) return;
      const directory = new Directory(uow);
      const reseller = await directory.requireReseller(transaction.resellerId, 'notificationEmail');
      const organization = await directory.requireOrganization(transaction.organizationId);
      const requester = await directory.requireUser(transaction.requestedBy);
      const mail = approvalRequestedMail({
        organizationName: organization.name,
        requester: { name: requester.name, username: requester.username },
        transaction,
        reviewUrl: portalLink(context.settings.publicUrl, 'approvals', transaction.transactionId),
      });
      await enqueueNotification(uow, context, { kind: 'approval_requested', envelope, to: { name: reseller.name, address: reseller.notificationEmail }, mail });
    }),
  );
}

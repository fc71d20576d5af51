import { ApprovalsEvents } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import { Directory } from '../directory/directory';
import { enqueueNotification, tooOldToMail } from '../outbox/enqueue-notification';
import type { NotificationContext } from '../outbox/notification-settings';
import { portalLink } from '../templates/formatting';
import { chooseBudgetNoticeRecipients, organizationMembers } from './budget-notice-recipients';
import { budgetThresholdReachedMail } from './budget-threshold-reached.template';

/**
 * A budget of an organization (or of one of its cost centres) reached 80 % or 100 % in its period: mailed to the
 * organization's billing admins, or to its admins when it has no billing admin. One e-mail per event and recipient,
 * queued with the event's inbox entry, so a redelivered or republished event mails no one twice.
 */
export function budgetThresholdReachedHandlers(context: NotificationContext): IntegrationEventHandlers {
  return eventHandlers(
    on(ApprovalsEvents.budgetThresholdReached, async (envelope, uow) => {
      if (tooOldToMail(envelope, context)) return;
      const notice = envelope.data;
      const log = { eventId: envelope.id, organizationId: notice.organizationId, costCentre: notice.costCentre, periodKey: notice.periodKey, threshold: notice.threshold };
      const organization = await new Directory(uow).requireOrganization(notice.organizationId);
      // The organization must be the event's reseller's: a notice never reaches another tenant's people.
      if (organization.resellerId && organization.resellerId !== notice.resellerId) {
        context.logger.error({ ...log, resellerId: notice.resellerId, organizationResellerId: organization.resellerId }, 'budget notice names an organization of another reseller; no e-mail queued');
        return;
      }
      const { audience, recipients } = await chooseBudgetNoticeRecipients(await organizationMembers(uow, notice.organizationId, 'org_billing_admin'), () =>
        organizationMembers(uow, notice.organizationId, 'org_admin'),
      );
      if (audience === 'none') {
        context.logger.warn(log, 'budget notice: the organization has no billing admin or admin to mail; no e-mail queued');
        return;
      }
      if (audience === 'admins') context.logger.info(log, 'budget notice: the organization has no billing admin; mailing its admins instead');
      const mail = budgetThresholdReachedMail({
        organizationName: organization.name,
        budget: notice,
        budgetsUrl: portalLink(context.settings.publicUrl, 'organizations', notice.organizationId, 'budgets'),
      });
      for (const to of recipients) await enqueueNotification(uow, context, { kind: 'budget_threshold_reached', envelope, to, mail });
    }),
  );
}

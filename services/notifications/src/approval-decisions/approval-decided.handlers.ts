import { ApprovalsEvents, type IntegrationEventEnvelope, type TransactionFactsV1 } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import type { UnitOfWork } from '@broker/read-models';
import { Directory } from '../directory/directory';
import type { Mailbox } from '../mail/mailbox';
import { enqueueNotification, tooOldToMail } from '../outbox/enqueue-notification';
import type { NotificationContext } from '../outbox/notification-settings';
import { approvalDecidedMail } from '../templates/approval-decided.template';
import { portalLink } from '../templates/formatting';

type Decision = { decidedBy: string; decidedAt: string } & ({ decision: 'approved'; comment: string | null } | { decision: 'rejected'; reason: string });

/**
 * A decision by the reseller's admins goes to the requester and to the organization's notification address (once
 * when they are the same address). Approvals by policy decided nothing anyone waits for: no mail.
 */
export function approvalDecidedHandlers(context: NotificationContext): IntegrationEventHandlers {
  const mailDecision = async (envelope: IntegrationEventEnvelope<TransactionFactsV1>, uow: UnitOfWork, decision: Decision): Promise<void> => {
    if (tooOldToMail(envelope, context)) return;
    const transaction = envelope.data;
    const directory = new Directory(uow);
    const organization = await directory.requireOrganization(transaction.organizationId);
    const requester = await directory.requireUser(transaction.requestedBy);
    const decider = await directory.user(decision.decidedBy);
    const mail = approvalDecidedMail({
      ...decision,
      organizationName: organization.name,
      requester: { name: requester.name, username: requester.username },
      decider: decider ? { name: decider.name, username: decider.username } : null,
      transaction,
      transactionUrl: portalLink(context.settings.publicUrl, 'organizations', transaction.organizationId, 'transactions', transaction.transactionId),
    });
    const recipients: Mailbox[] = [];
    if (!requester.deleted) recipients.push({ name: requester.name, address: requester.email });
    recipients.push({ name: organization.name, address: organization.notificationEmail });
    const seen = new Set<string>();
    for (const to of recipients) {
      const key = to.address.trim().toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      await enqueueNotification(uow, context, { kind: 'approval_decided', envelope, to, mail });
    }
  };

  return eventHandlers(
    on(ApprovalsEvents.transactionApproved, async (envelope, uow) => {
      const { byPolicy, decidedBy, effectiveAt, comment } = envelope.data;
      if (byPolicy) return;
      await mailDecision(envelope, uow, { decision: 'approved', comment, decidedBy, decidedAt: effectiveAt });
    }),
    on(ApprovalsEvents.transactionRejected, async (envelope, uow) => {
      const { decidedBy, decidedAt, reason } = envelope.data;
      await mailDecision(envelope, uow, { decision: 'rejected', reason, decidedBy, decidedAt });
    }),
  );
}

import { ApprovalsEvents, type ApprovalStepReachedV1, type IntegrationEventEnvelope, type TransactionFactsV1 } from '@broker/contracts';
import { eventHandlers, on, type IntegrationEventHandlers } from '@broker/messaging';
import type { UnitOfWork } from '@broker/read-models';
import { Directory } from '../directory/directory';
import type { Mailbox } from '../mail/mailbox';
import { enqueueNotification, tooOldToMail } from '../outbox/enqueue-notification';
import type { NotificationContext } from '../outbox/notification-settings';
import { approvalRequestedMail } from '../templates/approval-requested.template';
import { portalLink } from '../templates/formatting';

/**
 * A transaction that needs approval is mailed to whoever decides it now: its reseller's notification address, or,
 * for a request going through its organization's approval chain, each approver of the step reached, or their
 * delegate while they are out of office (and the reseller's address once the chain reaches the reseller's step).
 */
export function approvalRequestedHandlers(context: NotificationContext): IntegrationEventHandlers {
  return eventHandlers(
    on(ApprovalsEvents.transactionRequested, async (envelope, uow) => {
      const transaction = envelope.data;
      // A chained request is mailed step by step (approval-step-reached), the first step's approvers first.
      if (!transaction.needsApproval || transaction.chained === true || tooOldToMail(envelope, context)) return;
      await mailApprovers(context, uow, envelope, transaction, 'reseller', null);
    }),
    on(ApprovalsEvents.approvalStepReached, async (envelope, uow) => {
      if (tooOldToMail(envelope, context)) return;
      const { step, stepCount } = envelope.data;
      await mailApprovers(context, uow, envelope, envelope.data, deciders(step), { index: step.index, count: stepCount });
    }),
    on(ApprovalsEvents.approvalStepOverdue, async (envelope, uow) => {
      if (tooOldToMail(envelope, context)) return;
      const { step, stepCount, stage, stepReachedAt } = envelope.data;
      const overdue = { stage, since: stepReachedAt };
      // A reminder goes to whoever decides the step; an escalation above them: the organization's admins, or for the
      // reseller's step its notification address (which the step went to already).
      const recipients = stage === 'reminder' || step.kind === 'reseller' ? deciders(step) : { admins: envelope.data.organizationId };
      await mailApprovers(context, uow, envelope, envelope.data, recipients, { index: step.index, count: stepCount }, overdue);
    }),
  );
}

/** Who decides a step: its approvers, each stood in for by their delegate while out of office; or the reseller. */
function deciders(step: ApprovalStepReachedV1['step']): 'reseller' | string[] {
  if (step.kind !== 'organization') return 'reseller';
  const standIn = new Map((step.delegates ?? []).map((d) => [d.approverId, d.delegateId]));
  return [...new Set((step.approverIds ?? []).map((id) => standIn.get(id) ?? id))];
}

async function mailApprovers(
  context: NotificationContext,
  uow: UnitOfWork,
  envelope: IntegrationEventEnvelope<unknown>,
  transaction: TransactionFactsV1,
  approvers: 'reseller' | readonly string[] | { admins: string },
  step: { index: number; count: number } | null,
  overdue?: { stage: 'reminder' | 'escalation'; since: string },
): Promise<void> {
  const directory = new Directory(uow);
  const organization = await directory.requireOrganization(transaction.organizationId);
  const requester = await directory.requireUser(transaction.requestedBy);
  const mail = approvalRequestedMail({
    organizationName: organization.name,
    requester: { name: requester.name, username: requester.username },
    transaction,
    reviewUrl: portalLink(context.settings.publicUrl, 'approvals', transaction.transactionId),
    ...(step ? { step } : {}),
    ...(overdue ? { overdue } : {}),
  });
  const recipients: Mailbox[] = [];
  if (approvers === 'reseller') {
    const reseller = await directory.requireReseller(transaction.resellerId, 'notificationEmail');
    recipients.push({ name: reseller.name, address: reseller.notificationEmail });
  } else if ('admins' in approvers) {
    for (const admin of await directory.organizationAdmins(approvers.admins)) recipients.push({ name: admin.name, address: admin.email });
  } else {
    for (const approverId of approvers) {
      const approver = await directory.requireUser(approverId);
      if (!approver.deleted) recipients.push({ name: approver.name, address: approver.email });
    }
  }
  for (const to of recipients) await enqueueNotification(uow, context, { kind: 'approval_requested', envelope, to, mail });
}

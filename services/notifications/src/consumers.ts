import type { ConsumerDefinition } from '@broker/runtime';
import { approvalDecidedHandlers } from './approval-decisions/approval-decided.handlers';
import { approvalRequestedHandlers } from './approval-requests/approval-requested.handlers';
import { organizationDirectoryHandlers } from './directory/organization-directory.handlers';
import { userDirectoryHandlers } from './directory/user-directory.handlers';
import type { NotificationContext } from './outbox/notification-settings';
import { combineHandlers } from './shared/combine-handlers';
import { supportRequestHandlers } from './support-requests/support-request.handlers';
import { welcomeHandlers } from './welcome/welcome.handlers';

/**
 * What the service listens to: one durable consumer per source service. Each message's effects (directory entries,
 * queued e-mails) and its inbox entry commit in one unit of work, so a redelivered event queues nothing twice.
 */
export function notificationConsumers(context: NotificationContext): ConsumerDefinition[] {
  return [
    { name: 'identity', from: 'identity', handlers: combineHandlers(userDirectoryHandlers, welcomeHandlers(context)) },
    { name: 'organizations', from: 'organizations', handlers: combineHandlers(organizationDirectoryHandlers, supportRequestHandlers(context)) },
    { name: 'approvals', from: 'approvals', handlers: combineHandlers(approvalRequestedHandlers(context), approvalDecidedHandlers(context)) },
  ];
}

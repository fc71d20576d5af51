import { Inject, Injectable } from '@nestjs/common';
import type { ConsumerDefinition, EventConsumer } from '@broker/runtime';
import { activityHandlers } from './activity-log/record-activity/activity.handlers';
import { approvalDecidedHandlers } from './approval-decisions/approval-decided.handlers';
import { approvalRequestedHandlers } from './approval-requests/approval-requested.handlers';
import { budgetThresholdReachedHandlers } from './budget-notices/budget-threshold-reached.handlers';
import { organizationDirectoryHandlers } from './directory/organization-directory.handlers';
import { userDirectoryHandlers } from './directory/user-directory.handlers';
import { NOTIFICATION_CONTEXT } from './notification-context';
import type { NotificationContext } from './outbox/notification-settings';
import { supportRequestHandlers } from './support-requests/support-request.handlers';
import { webhookDeliveryHandlers } from './webhooks/record-deliveries/webhook-delivery.handlers';
import { welcomeHandlers } from './welcome/welcome.handlers';

/**
 * What the service listens to: one durable consumer per source service, several slices reacting to its events
 * (directories first, then the e-mails that read them; the runtime runs them in this order). Each message's effects
 * (directory entries, queued e-mails) and its inbox entry commit in one unit of work, so a redelivered event queues
 * nothing twice.
 */
@Injectable()
export class NotificationConsumers implements EventConsumer {
  constructor(@Inject(NOTIFICATION_CONTEXT) private readonly context: NotificationContext) {}

  consumers(): ConsumerDefinition[] {
    const { context } = this;
    return [
      { name: 'identity', from: 'identity', handlers: userDirectoryHandlers },
      { name: 'identity', from: 'identity', handlers: welcomeHandlers(context) },
      { name: 'organizations', from: 'organizations', handlers: organizationDirectoryHandlers },
      { name: 'organizations', from: 'organizations', handlers: supportRequestHandlers(context) },
      { name: 'approvals', from: 'approvals', handlers: approvalRequestedHandlers(context) },
      { name: 'approvals', from: 'approvals', handlers: approvalDecidedHandlers(context) },
      { name: 'approvals', from: 'approvals', handlers: budgetThresholdReachedHandlers(context) },
      // The activity log has consumers of its own: an e-mail that cannot be sent never holds back or loses an entry.
      { name: 'activity_identity', from: 'identity', handlers: activityHandlers('identity') },
      { name: 'activity_organizations', from: 'organizations', handlers: activityHandlers('organizations') },
      { name: 'activity_catalog', from: 'catalog', handlers: activityHandlers('catalog') },
      { name: 'activity_approvals', from: 'approvals', handlers: activityHandlers('approvals') },
      // Webhook deliveries too: every event type of each source, apart from the e-mails and the activity log.
      { name: 'webhooks_identity', from: 'identity', handlers: webhookDeliveryHandlers('identity', context) },
      { name: 'webhooks_organizations', from: 'organizations', handlers: webhookDeliveryHandlers('organizations', context) },
      { name: 'webhooks_catalog', from: 'catalog', handlers: webhookDeliveryHandlers('catalog', context) },
      { name: 'webhooks_approvals', from: 'approvals', handlers: webhookDeliveryHandlers('approvals', context) },
    ];
  }
}

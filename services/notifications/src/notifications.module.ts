import { LOGGER, SERVICE_CONFIG, ServiceModule } from '@broker/runtime';
import { ACTIVITY_LOG } from './activity-log/activity-entry';
import { ActivityRetention } from './activity-log/activity-retention/activity-retention';
import { ListActivityController } from './activity-log/list-activity/list-activity.controller';
import { NotificationConsumers } from './consumers';
import { DIRECTORY_COLLECTIONS } from './directory/directory';
import { MailSending } from './mail/mail-sending';
import { notificationContext, NOTIFICATION_CONTEXT } from './notification-context';
import { NOTIFICATIONS } from './outbox/notification';
import { ParkedEmailsController } from './parked-emails/parked-emails.controller';
import { WebhookEndpointsController } from './webhooks/webhook-endpoints/webhook-endpoints.controller';
import { WebhookSending } from './webhooks/send-deliveries/webhook-sending';
import { WEBHOOK_DELIVERIES } from './webhooks/webhook-delivery';
import { WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS } from './webhooks/webhook-endpoint';

/**
 * The notifications service answers few requests of its own (health, parked e-mails for operators, the activity log):
 * it reacts to integration events (consumers.ts), works off its mail queue (MailSending) and keeps the activity log.
 */
@ServiceModule({
  controllers: [ParkedEmailsController, ListActivityController, WebhookEndpointsController],
  providers: [MailSending, ActivityRetention, WebhookSending, { provide: NOTIFICATION_CONTEXT, useFactory: notificationContext, inject: [SERVICE_CONFIG, LOGGER] }],
  consumers: [NotificationConsumers],
  collections: [...DIRECTORY_COLLECTIONS, NOTIFICATIONS, ACTIVITY_LOG, WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS, WEBHOOK_DELIVERIES],
})
export class NotificationsModule {}

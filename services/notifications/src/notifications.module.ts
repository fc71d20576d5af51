import { LOGGER, SERVICE_CONFIG, ServiceModule } from '@broker/runtime';
import { NotificationConsumers } from './consumers';
import { DIRECTORY_COLLECTIONS } from './directory/directory';
import { MailSending } from './mail/mail-sending';
import { notificationContext, NOTIFICATION_CONTEXT } from './notification-context';
import { NOTIFICATIONS } from './outbox/notification';
import { ParkedEmailsController } from './parked-emails/parked-emails.controller';

/**
 * The notifications service answers few requests of its own (health, parked e-mails for operators): it reacts to integration events
 * (consumers.ts) and works off its mail queue (MailSending).
 */
@ServiceModule({
  controllers: [ParkedEmailsController],
  providers: [MailSending, { provide: NOTIFICATION_CONTEXT, useFactory: notificationContext, inject: [SERVICE_CONFIG, LOGGER] }],
  consumers: [NotificationConsumers],
  collections: [...DIRECTORY_COLLECTIONS, NOTIFICATIONS],
})
export class NotificationsModule {}

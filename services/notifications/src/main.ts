import type { Logger } from 'pino';
import type { NotificationsHealth } from '@broker/contracts';
import { LOGGER, runService, SERVICE_CONFIG } from '@broker/runtime';
import { notificationConsumers } from './consumers';
import { DIRECTORY_COLLECTIONS } from './directory/directory';
import { MailSending } from './mail/mail-sending';
import { notificationContext } from './notification-context';
import { NotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';
import { NOTIFICATIONS } from './outbox/notification';
import { countParkedNotifications } from './outbox/parked-notifications';

void runService({
  service: 'notifications',
  configClass: NotificationsConfig,
  module: NotificationsModule,
  background: async (runtime, get) => {
    for (const collection of [...DIRECTORY_COLLECTIONS, NOTIFICATIONS]) await runtime.documentStore.ensureCollection(collection);
    const context = notificationContext(get<NotificationsConfig>(SERVICE_CONFIG), get<Logger>(LOGGER));
    get(MailSending).start();
    return {
      consumers: notificationConsumers(context),
      healthDetails: async (): Promise<Pick<NotificationsHealth, 'parkedNotifications'>> => ({
        parkedNotifications: await countParkedNotifications(runtime.documentStore),
      }),
    };
  },
});

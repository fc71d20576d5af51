import type { NotificationsHealth } from '@broker/contracts';
import { runService } from '@broker/runtime';
import { ActivityRetention } from './activity-log/activity-retention/activity-retention';
import { MailSending } from './mail/mail-sending';
import { NotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';
import { countParkedNotifications } from './outbox/parked-notifications';
import { WebhookSending } from './webhooks/send-deliveries/webhook-sending';

void runService({
  service: 'notifications',
  configClass: NotificationsConfig,
  module: NotificationsModule,
  background: (runtime, get) => {
    get(MailSending).start();
    get(ActivityRetention).start();
    get(WebhookSending).start();
    return {
      healthDetails: async (): Promise<Pick<NotificationsHealth, 'parkedNotifications'>> => ({
        parkedNotifications: await countParkedNotifications(runtime.documentStore),
      }),
    };
  },
});

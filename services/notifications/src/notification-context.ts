import type { Logger } from 'pino';
import { internetDomainOf, parseMailbox } from './mail/mailbox';
import type { NotificationsConfig } from './notifications.config';
import type { NotificationContext } from './outbox/notification-settings';

/** The notification context, provided to the consumers. */
export const NOTIFICATION_CONTEXT = Symbol('NOTIFICATION_CONTEXT');

export function notificationContext(config: NotificationsConfig, logger: Logger): NotificationContext {
  // Validated at boot: MAIL_FROM is a mailbox.
  const from = parseMailbox(config.MAIL_FROM)!;
  return {
    settings: {
      from,
      messageIdDomain: internetDomainOf(from.address),
      publicUrl: config.PUBLIC_URL.replace(/\/+$/, ''),
      maxEventAgeMs: config.NOTIFY_MAX_EVENT_AGE_HOURS * 3_600_000,
    },
    logger: logger.child({ component: 'notifications' }),
    now: () => new Date(),
  };
}

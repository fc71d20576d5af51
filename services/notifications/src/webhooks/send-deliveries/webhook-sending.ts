import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LeaderWork, LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import { NOTIFICATION_CONTEXT } from '../../notification-context';
import type { NotificationsConfig } from '../../notifications.config';
import type { NotificationContext } from '../../outbox/notification-settings';
import { webhookUrlPolicy } from '../url-policy/webhook-url-policy.config';
import { WebhookSender } from './webhook-sender';

const LOCK = 'notifications:webhook-sender';

/** The webhook sender, on one replica at a time (a lease), every WEBHOOK_POLL_MS; started by main.ts, stopped with the app. */
@Injectable()
export class WebhookSending extends LeaderWork {
  readonly sender: WebhookSender;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    @Inject(SERVICE_CONFIG) config: NotificationsConfig,
    @Inject(NOTIFICATION_CONTEXT) context: NotificationContext,
    @Inject(LOGGER) logger: Logger,
  ) {
    super({ runtime, logger, name: LOCK, what: 'webhook sender', intervalMs: config.WEBHOOK_POLL_MS });
    this.sender = new WebhookSender({
      store: runtime.documentStore,
      context: { ...context, logger: logger.child({ component: 'webhook-sender' }) },
      policy: webhookUrlPolicy(config),
      retry: {
        baseMs: config.WEBHOOK_RETRY_BASE_MS,
        maxMs: config.WEBHOOK_RETRY_MAX_MS,
        retryForMs: config.WEBHOOK_RETRY_FOR_MS,
        disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
      },
      timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    });
  }

  override look(signal?: AbortSignal): Promise<void> {
    return this.sender.look(signal ?? new AbortController().signal);
  }
}

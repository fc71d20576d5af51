import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@broker/runtime';
import type { NotificationsConfig } from '../notifications.config';
import { NotificationSender } from '../outbox/notification-sender';
import { countNotifications } from '../outbox/parked-notifications';
import { registerMailMetrics } from './mail-metrics';
import { SmtpMailTransport } from './mail-transport';
import { smtpOptions } from './smtp-options';

/** The SMTP transport and the sender loop, started by main.ts and stopped with the app (before the stores close). */
@Injectable()
export class MailSending implements OnApplicationShutdown {
  private readonly transport: SmtpMailTransport;
  readonly sender: NotificationSender;

  constructor(@Inject(SERVICE_CONFIG) config: NotificationsConfig, @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime, @Inject(LOGGER) logger: Logger) {
    this.transport = new SmtpMailTransport(smtpOptions(config));
    const metrics = runtime.metrics;
    const onAttemptOutcome = metrics ? registerMailMetrics(metrics, (status, upTo) => countNotifications(runtime.documentStore, status, upTo)) : null;
    this.sender = new NotificationSender({
      store: runtime.documentStore,
      transport: this.transport,
      leaderLock: runtime.leaderLock,
      logger: logger.child({ component: 'mail-sender' }),
      retry: { maxAttempts: config.NOTIFY_MAX_ATTEMPTS, baseMs: config.NOTIFY_RETRY_BASE_MS, maxMs: config.NOTIFY_RETRY_MAX_MS },
      pollMs: config.NOTIFY_POLL_MS,
      ...(onAttemptOutcome ? { onAttemptOutcome } : {}),
    });
  }

  start(): void {
    this.sender.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sender.stop();
    this.transport.close();
  }
}

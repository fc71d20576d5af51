import type { ServiceMetrics } from '@broker/runtime';
import type { NotificationStatus } from '../outbox/notification';

/** Each state of the queue is counted up to this many e-mails per scrape. */
export const QUEUE_COUNTED_UP_TO = 10_000;

export type AttemptOutcome = 'sent' | 'retry' | 'parked';

/**
 * The e-mail queue's metrics, in the service's registry: attempts by recorded outcome, and how many e-mails wait,
 * are in an attempt or are parked (read at each scrape). Returns what the sender calls after each attempt.
 */
export function registerMailMetrics(metrics: ServiceMetrics, count: (status: NotificationStatus, upTo: number) => Promise<number>): (outcome: AttemptOutcome) => void {
  const attempts = metrics.counter('broker_email_attempts_total', 'E-mail attempts whose outcome was recorded: sent, retry (to be tried again) or parked (the last one failed)', ['outcome']);
  metrics.gaugeReadAtScrape(
    'broker_email_queue_messages',
    `E-mails waiting (queued), in an attempt (sending) or parked for an operator, counted up to ${QUEUE_COUNTED_UP_TO} each`,
    ['status'],
    () => Promise.all((['queued', 'sending', 'parked'] as const).map(async (status) => ({ labels: { status }, value: await count(status, QUEUE_COUNTED_UP_TO) }))),
  );
  return (outcome) => attempts.inc({ outcome });
}

import { inSpan, readTraceCarrier, SpanKind } from '@broker/platform';
import type { AttemptOutcome } from '../mail/mail-metrics';
import {
  abortableSleep as sleep,
  DocumentVersionConflictError,
  LeaseFencedError,
  runWhileLeader,
  type DocumentStore,
  type LeaderLease,
  type LeaderLock,
  type StoredDocument,
} from '@broker/read-models';
import { describeSmtpFailure, type MailTransport, type OutgoingMail, type SmtpFailure } from '../mail/mail-transport';
import { NOTIFICATION_ID_HEADER, NOTIFICATIONS, type NotificationDocument } from './notification';
import type { NotificationLogger } from './notification-settings';
import { retryDelayMs, type RetryPolicy } from './retry-schedule';

export interface NotificationSenderOptions {
  store: DocumentStore;
  transport: MailTransport;
  /** One sender in the whole deployment sends at a time; the other replicas stand by. Its writes fence on the lease. */
  leaderLock: LeaderLock;
  logger: NotificationLogger;
  retry: RetryPolicy;
  /** How long the sender waits when nothing is due. */
  pollMs: number;
  /** Notifications read per pass. Default 50. */
  batchSize?: number;
  lockName?: string;
  /** Told of each attempt's recorded outcome (for metrics). */
  onAttemptOutcome?: (outcome: AttemptOutcome) => void;
  now?: () => number;
  random?: () => number;
}

type Outcome = 'sent' | 'failed' | 'server_unavailable' | 'skipped';

/** Failures that say nothing about the one mail but everything about the server: the rest of the pass would fail alike. */
const SERVER_WIDE_CODES = new Set(['ESOCKET', 'ECONNECTION', 'ETIMEDOUT', 'EDNS', 'EAUTH', 'ETLS', 'EPROXY']);
const isServerWide = (failure: SmtpFailure): boolean => (failure.code !== null && SERVER_WIDE_CODES.has(failure.code)) || failure.responseCode === 421;

/**
 * Works off the queue of e-mails: claims a due one (`sending`, compare-and-set on the document version), hands it to
 * the SMTP server, and records the outcome: `sent` once the server accepted it; otherwise `queued` again with a
 * backoff, or `parked` after the last attempt.
 *
 * The one window it cannot close is between the server's acceptance and the write of `sent`: a process that dies
 * there leaves the notification `sending`. The next leader finds it and sends it again with the same Message-ID
 * (docs/adr/0008-exactly-once-e-mail.md): at most one repeat, recognisable as such by every receiver.
 *
 * Every write is fenced on the lease (docs/adr/0010-leases-with-fencing.md): a sender that lost its lease while
 * frozen claims nothing and records nothing when it resumes; it stands by, and the leader deals with what it left.
 */
export class NotificationSender {
  private readonly batchSize: number;
  private readonly lockName: string;
  private readonly now: () => number;
  private readonly random: () => number;
  private stopController: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private lease: LeaderLease | null = null;
  /** Accepted by the server, outcome not written yet (the store failed): written before anything else is sent. */
  private readonly unrecorded = new Map<string, { response: string; at: string }>();

  constructor(private readonly options: NotificationSenderOptions) {
    this.batchSize = options.batchSize ?? 50;
    this.lockName = options.lockName ?? 'notifications:sender';
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  get isLeader(): boolean {
    return this.lease?.held ?? false;
  }

  start(): void {
    if (this.loop) return;
    const controller = new AbortController();
    this.stopController = controller;
    this.loop = this.run(controller.signal).catch((error: unknown) => {
      this.options.logger.error({ err: error }, 'e-mail sender stopped unexpectedly');
    });
  }

  /** Lets the attempt in flight finish and record its outcome, then gives up the lock. */
  async stop(): Promise<void> {
    const loop = this.loop;
    if (!loop) return;
    this.stopController?.abort();
    await loop;
    this.loop = null;
    this.stopController = null;
    if (this.unrecorded.size > 0) {
      this.options.logger.error(
        { notificationIds: [...this.unrecorded.keys()] },
        'e-mails accepted by the SMTP server could not be recorded as sent; they will be sent again (same Message-ID)',
      );
    }
  }

  private run(stop: AbortSignal): Promise<void> {
    return runWhileLeader({
      leaderLock: this.options.leaderLock,
      name: this.lockName,
      stop,
      standbyMs: Math.max(this.options.pollMs, 1000),
      onLockError: (error) => this.options.logger.warn({ err: error }, 'e-mail sender lock unavailable'),
      onLease: (lease) => {
        this.lease = lease;
      },
      lead: async (lease) => {
        this.options.logger.info({ lock: this.lockName }, 'e-mail sender is leading');
        await this.lead(lease, stop);
      },
    });
  }

  private async lead(lease: LeaderLease, stop: AbortSignal): Promise<void> {
    const signal = AbortSignal.any([stop, lease.signal]);
    let recovered = false;
    let failures = 0;
    while (!signal.aborted) {
      let again: boolean;
      try {
        await this.recordUnrecorded(lease);
        if (!recovered) {
          await this.recoverInterrupted(lease);
          recovered = true;
        }
        again = await this.pass(lease, signal);
        failures = 0;
      } catch (error) {
        if (error instanceof LeaseFencedError) {
          this.options.logger.warn({ lock: this.lockName, err: error }, 'e-mail sender write refused: the lease has passed on; standing by');
          return;
        }
        failures++;
        const retryInMs = Math.min(this.options.pollMs * 2 ** failures, 30_000);
        this.options.logger.error({ err: error, failures, retryInMs }, 'e-mail sender pass failed');
        await sleep(retryInMs, signal);
        continue;
      }
      if (!again) await sleep(this.options.pollMs, signal);
    }
  }

  /** Attempts what is due, oldest first. True when there may be more due at once. */
  private async pass(lease: LeaderLease, signal: AbortSignal): Promise<boolean> {
    const now = this.now();
    const page = await this.options.store.find<NotificationDocument>(NOTIFICATIONS.name, {
      where: { status: 'queued' },
      sort: { field: 'nextAttemptAt', direction: 'asc' },
      limit: this.batchSize,
    });
    let attempted = 0;
    for (const document of page.items) {
      if (signal.aborted || !lease.held || document.data.nextAttemptAt > now) return false;
      attempted++;
      // The server is down or refuses everyone: the others stay due, without spending an attempt on nothing.
      if ((await this.attempt(document, lease)) === 'server_unavailable') return false;
    }
    return attempted === this.batchSize;
  }

  /** Writes one notification with its expected version, in a unit fenced on the lease. */
  private write(lease: LeaderLease, id: string, data: NotificationDocument, expectedVersion: number): Promise<StoredDocument<NotificationDocument>> {
    return this.options.store.unitOfWork(async (uow) => {
      await uow.fence(lease);
      return uow.upsert<NotificationDocument>(NOTIFICATIONS.name, id, data, expectedVersion);
    });
  }

  private async attempt(document: StoredDocument<NotificationDocument>, lease: LeaderLease): Promise<Outcome> {
    const { logger } = this.options;
    let claimed: StoredDocument<NotificationDocument>;
    try {
      claimed = await this.write(
        lease,
        document.id,
        { ...document.data, status: 'sending', attempts: document.data.attempts + 1, lastAttemptAt: new Date(this.now()).toISOString() },
        document.version,
      );
    } catch (error) {
      if (error instanceof DocumentVersionConflictError) return 'skipped';
      throw error;
    }
    let response: string;
    try {
      const mail = outgoing(claimed.data);
      const trace = claimed.data.trace;
      ({ response } = trace
        ? await inSpan('smtp send', { kind: SpanKind.CLIENT, parent: readTraceCarrier((field) => trace[field]), attributes: { 'broker.notification_kind': claimed.data.kind } }, () =>
            this.options.transport.send(mail),
          )
        : await this.options.transport.send(mail));
    } catch (error) {
      const failure = describeSmtpFailure(error);
      await this.recordFailure(claimed, failure, lease);
      return isServerWide(failure) ? 'server_unavailable' : 'failed';
    }
    this.unrecorded.set(claimed.id, { response, at: new Date(this.now()).toISOString() });
    try {
      await this.recordUnrecorded(lease);
    } catch (error) {
      if (error instanceof LeaseFencedError) throw error;
      logger.error({ notificationId: claimed.id, err: error }, 'e-mail sent, but recording it failed; will record it before sending anything else');
      throw error;
    }
    return 'sent';
  }

  /** Writes `sent` for every e-mail the server accepted whose outcome is not written yet. */
  private async recordUnrecorded(lease: LeaderLease): Promise<void> {
    const { store, logger } = this.options;
    for (const [id, { response, at }] of [...this.unrecorded]) {
      const current = await store.get<NotificationDocument>(NOTIFICATIONS.name, id);
      if (current && current.data.status !== 'sent') {
        await this.write(
          lease,
          id,
          { ...current.data, status: 'sent', sentAt: at, smtpResponse: response, lastError: null, parkedAt: null },
          current.version,
        );
        const { kind, eventId, attempts } = current.data;
        logger.info({ notificationId: id, kind, eventId, attempts, smtpResponse: response }, 'e-mail sent');
        this.options.onAttemptOutcome?.('sent');
      }
      this.unrecorded.delete(id);
    }
  }

  private async recordFailure(claimed: StoredDocument<NotificationDocument>, failure: SmtpFailure, lease: LeaderLease): Promise<void> {
    const { logger, retry } = this.options;
    const { notificationId, kind, eventId, attempts } = claimed.data;
    const context = { notificationId, kind, eventId, attempts, error: failure.message, code: failure.code, responseCode: failure.responseCode };
    try {
      if (attempts >= retry.maxAttempts) {
        await this.write(
          lease,
          claimed.id,
          { ...claimed.data, status: 'parked', parkedAt: new Date(this.now()).toISOString(), lastError: failure },
          claimed.version,
        );
        logger.error(context, 'e-mail parked after its last attempt');
        this.options.onAttemptOutcome?.('parked');
        return;
      }
      const retryInMs = retryDelayMs(attempts, retry, this.random);
      await this.write(
        lease,
        claimed.id,
        { ...claimed.data, status: 'queued', nextAttemptAt: this.now() + retryInMs, lastError: failure },
        claimed.version,
      );
      logger.warn({ ...context, retryInMs }, 'e-mail not accepted; will retry');
      this.options.onAttemptOutcome?.('retry');
    } catch (error) {
      if (!(error instanceof DocumentVersionConflictError)) throw error;
      logger.warn(context, 'e-mail failed, and another sender has taken it over meanwhile');
    }
  }

  /**
   * A notification still `sending` when this sender starts to lead was claimed by a sender that stopped before it
   * recorded the outcome (only the leader claims). The server may or may not have accepted it: it goes back to the
   * queue and is sent again with the same Message-ID.
   */
  private async recoverInterrupted(lease: LeaderLease): Promise<void> {
    const { store, logger } = this.options;
    let cursor: string | undefined;
    do {
      const page = await store.find<NotificationDocument>(NOTIFICATIONS.name, { where: { status: 'sending' }, limit: 500, ...(cursor ? { cursor } : {}) });
      for (const document of page.items) {
        const { notificationId, kind, eventId, attempts, interruptedAttempts } = document.data;
        try {
          await this.write(
            lease,
            document.id,
            { ...document.data, status: 'queued', nextAttemptAt: this.now(), interruptedAttempts: interruptedAttempts + 1 },
            document.version,
          );
        } catch (error) {
          if (error instanceof DocumentVersionConflictError) continue;
          throw error;
        }
        logger.warn(
          { notificationId, kind, eventId, attempts, messageId: document.data.mail.messageId },
          'an attempt was cut off before its outcome was recorded; the e-mail will be sent again with the same Message-ID',
        );
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

function outgoing(document: NotificationDocument): OutgoingMail {
  const { mail } = document;
  return {
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: new Date(mail.date),
    headers: { [NOTIFICATION_ID_HEADER]: document.notificationId },
  };
}

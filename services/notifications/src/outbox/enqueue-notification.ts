import type { IntegrationEventEnvelope } from '@broker/contracts';
import { activeTraceCarrier } from '@broker/platform';
import type { UnitOfWork } from '@broker/read-models';
import { displayName, type Mailbox } from '../mail/mailbox';
import type { RenderedMail } from '../templates/mail-layout';
import { messageIdFor, notificationIdFor, NOTIFICATIONS, type NotificationDocument, type NotificationKind } from './notification';
import type { NotificationContext } from './notification-settings';

export interface NewNotification {
  kind: NotificationKind;
  envelope: IntegrationEventEnvelope<unknown>;
  to: Mailbox;
  replyTo?: Mailbox | null;
  mail: RenderedMail;
}

const mailbox = (m: Mailbox): Mailbox => ({ name: displayName(m.name), address: m.address.trim() });

/**
 * True when the event is too old to mail about (see NOTIFY_MAX_EVENT_AGE_HOURS): a service that starts reading an
 * existing event history must not mail about all of it.
 */
export function tooOldToMail(envelope: IntegrationEventEnvelope<unknown>, context: NotificationContext): boolean {
  const { maxEventAgeMs } = context.settings;
  if (maxEventAgeMs <= 0) return false;
  const occurred = Date.parse(envelope.occurredAt);
  if (Number.isNaN(occurred) || context.now().getTime() - occurred <= maxEventAgeMs) return false;
  context.logger.info({ eventId: envelope.id, eventType: envelope.type, occurredAt: envelope.occurredAt }, 'event too old to mail about; no e-mail queued');
  return true;
}

/**
 * Queues one e-mail in the caller's unit of work (the consumer's, which also holds the inbox entry), so the e-mail is
 * queued exactly when the event counts as handled. Queues nothing when the same notification exists already.
 */
export async function enqueueNotification(uow: UnitOfWork, context: NotificationContext, notification: NewNotification): Promise<boolean> {
  const { envelope, kind } = notification;
  const notificationId = notificationIdFor(envelope.id, notification.to.address);
  if (await uow.get(NOTIFICATIONS.name, notificationId)) return false;
  const now = context.now();
  const document: NotificationDocument = {
    notificationId,
    kind,
    eventId: envelope.id,
    eventType: envelope.type,
    correlationId: envelope.correlationId,
    resellerId: envelope.resellerId,
    organizationId: envelope.organizationId,
    status: 'queued',
    nextAttemptAt: now.getTime(),
    attempts: 0,
    interruptedAttempts: 0,
    queuedAt: now.toISOString(),
    lastAttemptAt: null,
    sentAt: null,
    parkedAt: null,
    smtpResponse: null,
    lastError: null,
    mail: {
      messageId: messageIdFor(notificationId, context.settings.messageIdDomain),
      from: context.settings.from,
      to: mailbox(notification.to),
      replyTo: notification.replyTo ? mailbox(notification.replyTo) : null,
      subject: notification.mail.subject,
      text: notification.mail.text,
      html: notification.mail.html,
      date: now.toISOString(),
    },
  };
  const trace = activeTraceCarrier();
  if (trace) document.trace = trace;
  await uow.upsert(NOTIFICATIONS.name, notificationId, document, 0);
  context.logger.info({ notificationId, kind, eventId: envelope.id, eventType: envelope.type }, 'e-mail queued');
  return true;
}

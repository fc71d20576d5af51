import { nameBasedId } from '@broker/contracts';
import type { TraceCarrier } from '@broker/platform';
import type { CollectionDefinition } from '@broker/read-models';
import type { SmtpFailure } from '../mail/mail-transport';
import type { Mailbox } from '../mail/mailbox';

/**
 * The outgoing mail queue: one document per e-mail, written in the same unit of work as the inbox entry of the
 * event that caused it, and worked off by the sender.
 */
export const NOTIFICATIONS: CollectionDefinition = { name: 'notifications', indexes: { status: 'string', nextAttemptAt: 'number' } };

export type NotificationKind = 'approval_requested' | 'approval_decided' | 'support_request' | 'welcome' | 'budget_threshold_reached' | 'webhook_disabled';

/**
 * queued  -> waiting for its next attempt (`nextAttemptAt`);
 * sending -> an attempt was claimed and its outcome is not recorded yet (an attempt in flight, or one a crash cut off);
 * sent    -> the SMTP server accepted it (final);
 * parked  -> its last attempt failed (final; logged and counted on /health).
 */
export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'parked';

export interface StoredMail {
  messageId: string;
  from: Mailbox;
  to: Mailbox;
  replyTo: Mailbox | null;
  subject: string;
  text: string;
  html: string;
  /** The Date header: fixed at queueing so every attempt sends the same message. */
  date: string;
}

export interface NotificationDocument {
  notificationId: string;
  kind: NotificationKind;
  eventId: string;
  eventType: string;
  correlationId: string;
  resellerId: string | null;
  organizationId: string | null;
  status: NotificationStatus;
  /** Epoch milliseconds. */
  nextAttemptAt: number;
  attempts: number;
  /** Attempts whose outcome was lost (process stopped between handing the mail over and recording it). */
  interruptedAttempts: number;
  queuedAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
  parkedAt: string | null;
  smtpResponse: string | null;
  lastError: SmtpFailure | null;
  mail: StoredMail;
  /** Times an operator put it back in the queue after it was parked (absent: never). */
  requeues?: number;
  requeuedAt?: string | null;
  /** Attempts spent before the requeues (each requeue gives a fresh budget of NOTIFY_MAX_ATTEMPTS). */
  attemptsBeforeRequeues?: number;
  /** The trace of the event that queued it (tracing on), continued by the sending. */
  trace?: TraceCarrier;
}

/** The same event and recipient always give the same id: an e-mail can be queued once, whatever is redelivered. */
export function notificationIdFor(eventId: string, recipientAddress: string): string {
  return nameBasedId(`notification:${eventId}:${recipientAddress.trim().toLowerCase()}`);
}

/** The Message-ID header of a notification: the same on every attempt and across restarts. */
export function messageIdFor(notificationId: string, domain: string): string {
  return `<${notificationId}@${domain}>`;
}

/** A header every mail carries, so a receiver or a support desk can tell which notification a mail was. */
export const NOTIFICATION_ID_HEADER = 'X-Broker-Notification-Id';

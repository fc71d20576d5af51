import type { Mailbox } from '../mail/mailbox';

/** What the e-mail handlers need from the configuration. */
export interface NotificationSettings {
  from: Mailbox;
  /** Right-hand side of every Message-ID (the domain of MAIL_FROM). */
  messageIdDomain: string;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** Events older than this send nothing; 0 means no limit. */
  maxEventAgeMs: number;
}

/** The logging the notifications code needs; pino's logger fits as is. */
export interface NotificationLogger {
  debug(context: Record<string, unknown>, message: string): void;
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

export interface NotificationContext {
  settings: NotificationSettings;
  logger: NotificationLogger;
  now: () => Date;
}

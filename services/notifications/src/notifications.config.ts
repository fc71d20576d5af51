import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { BaseServiceConfig } from '@broker/platform';
import { parseMailbox } from './mail/mailbox';
import { isValidNetworkList } from './webhooks/url-policy/url-policy';

function intRange(variable: string, min: number, max: number): PropertyDecorator {
  const message = `${variable} must be an integer between ${min} and ${max}`;
  return (target, key) => {
    IsInt({ message })(target, key);
    Min(min, { message })(target, key);
    Max(max, { message })(target, key);
  };
}

function isSmtpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '' && (url.pathname === '' || url.pathname === '/');
  } catch {
    return false;
  }
}

function isPublicUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** The notifications service: where it sends mail, as whom, and how hard it tries. */
export class NotificationsConfig extends BaseServiceConfig {
  /** `smtp://host:port` (STARTTLS when the server offers it) or `smtps://host:port` (TLS from the start); credentials may be in it. */
  @ValidateBy({
    name: 'isSmtpUrl',
    validator: { validate: isSmtpUrl, defaultMessage: () => 'SMTP_URL must be an smtp:// or smtps:// URL such as smtp://127.0.0.1:1025' },
  })
  SMTP_URL!: string;

  /** Override the user and password of SMTP_URL (keeps the secret out of the URL). */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  SMTP_PASSWORD?: string;

  /** Refuse to send unless the server upgrades the connection with STARTTLS (smtp:// only). */
  @IsBoolean({ message: 'SMTP_REQUIRE_TLS must be true or false' })
  SMTP_REQUIRE_TLS = false;

  /** Set to false only for servers with self-signed certificates on trusted networks. */
  @IsBoolean({ message: 'SMTP_TLS_REJECT_UNAUTHORIZED must be true or false' })
  SMTP_TLS_REJECT_UNAUTHORIZED = true;

  /** Longest wait for the connection, the greeting, or any answer of the SMTP server. */
  @intRange('SMTP_TIMEOUT_MS', 1000, 600_000)
  SMTP_TIMEOUT_MS = 30_000;

  /** The sender of every mail: `Name <address>` or an address; its domain also ends each Message-ID. */
  @ValidateBy({
    name: 'isMailbox',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseMailbox(value) !== null,
      defaultMessage: () => 'MAIL_FROM must be an e-mail address or "Name <address>"',
    },
  })
  MAIL_FROM = 'Cloud Broker <no-reply@broker.localhost>';

  /** Where people open the portal; links in the mails start with it. */
  @ValidateBy({
    name: 'isPublicUrl',
    validator: { validate: isPublicUrl, defaultMessage: () => 'PUBLIC_URL must be an http:// or https:// URL without query, such as https://portal.example.com' },
  })
  PUBLIC_URL = 'http://localhost:3000';

  /** Attempts per e-mail before it is parked (logged, counted on /health, kept for inspection). */
  @intRange('NOTIFY_MAX_ATTEMPTS', 1, 1000)
  NOTIFY_MAX_ATTEMPTS = 20;

  /** Delay after the first failed attempt; it doubles per attempt up to NOTIFY_RETRY_MAX_MS. */
  @intRange('NOTIFY_RETRY_BASE_MS', 10, 3_600_000)
  NOTIFY_RETRY_BASE_MS = 1000;

  @intRange('NOTIFY_RETRY_MAX_MS', 10, 86_400_000)
  @ValidateBy({
    name: 'atLeastBase',
    validator: {
      validate: (value: unknown, args) => typeof value === 'number' && value >= (args?.object as NotificationsConfig).NOTIFY_RETRY_BASE_MS,
      defaultMessage: () => 'NOTIFY_RETRY_MAX_MS must be at least NOTIFY_RETRY_BASE_MS',
    },
  })
  NOTIFY_RETRY_MAX_MS = 300_000;

  /** How often the sender looks for e-mails that are due. */
  @intRange('NOTIFY_POLL_MS', 10, 60_000)
  NOTIFY_POLL_MS = 500;

  /**
   * Events older than this update the directories but send nothing: a notifications service deployed into a running
   * platform reads the whole event history and must not mail everyone about last year. 0 means no limit.
   */
  @intRange('NOTIFY_MAX_EVENT_AGE_HOURS', 0, 87_600)
  NOTIFY_MAX_EVENT_AGE_HOURS = 72;

  /** How long the activity log keeps an entry, in days after the action (then it is deleted). */
  @intRange('ACTIVITY_RETENTION_DAYS', 1, 36_500)
  ACTIVITY_RETENTION_DAYS = 400;

  /** How often the leading replica deletes the activity entries older than ACTIVITY_RETENTION_DAYS. */
  @intRange('ACTIVITY_RETENTION_INTERVAL_MS', 1000, 86_400_000)
  ACTIVITY_RETENTION_INTERVAL_MS = 3_600_000;
  /** Lets webhook endpoints use http:// (tests and closed networks only); otherwise https:// alone. */
  @IsBoolean({ message: 'WEBHOOK_ALLOW_HTTP must be true or false' })
  WEBHOOK_ALLOW_HTTP = false;

  /**
   * Comma-separated CIDRs (`127.0.0.0/8,fd00::/8`) webhooks may reach although they are not public addresses; empty:
   * public addresses only.
   */
  @ValidateBy({
    name: 'isNetworkList',
    validator: { validate: isValidNetworkList, defaultMessage: () => 'WEBHOOK_ALLOWED_NETWORKS must be comma-separated CIDRs such as 10.1.0.0/16,fd00::/8' },
  })
  WEBHOOK_ALLOWED_NETWORKS = '';

  /** How often the leading replica looks for webhook deliveries that are due. */
  @intRange('WEBHOOK_POLL_MS', 10, 60_000)
  WEBHOOK_POLL_MS = 500;

  /** Longest wait for an endpoint's answer (connection, TLS and response headers together). */
  @intRange('WEBHOOK_TIMEOUT_MS', 100, 120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Delay after a delivery's first failed attempt; it doubles per attempt up to WEBHOOK_RETRY_MAX_MS (±20 % jitter). */
  @intRange('WEBHOOK_RETRY_BASE_MS', 10, 3_600_000)
  WEBHOOK_RETRY_BASE_MS = 5_000;

  @intRange('WEBHOOK_RETRY_MAX_MS', 10, 86_400_000)
  @ValidateBy({
    name: 'atLeastWebhookBase',
    validator: {
      validate: (value: unknown, args) => typeof value === 'number' && value >= (args?.object as NotificationsConfig).WEBHOOK_RETRY_BASE_MS,
      defaultMessage: () => 'WEBHOOK_RETRY_MAX_MS must be at least WEBHOOK_RETRY_BASE_MS',
    },
  })
  WEBHOOK_RETRY_MAX_MS = 3_600_000;

  /** How long after it was made a delivery is retried; the first failure after that fails it for good. */
  @intRange('WEBHOOK_RETRY_FOR_MS', 1000, 2_592_000_000)
  WEBHOOK_RETRY_FOR_MS = 86_400_000;

  /** Deliveries of one endpoint failed for good in a row that disable it (its owner is e-mailed). */
  @intRange('WEBHOOK_DISABLE_AFTER_FAILURES', 1, 1000)
  WEBHOOK_DISABLE_AFTER_FAILURES = 5;
}

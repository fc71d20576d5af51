import type { SMTPPoolOptions } from 'nodemailer/lib/smtp-pool';

export interface SmtpSettings {
  SMTP_URL: string;
  SMTP_USER?: string | undefined;
  SMTP_PASSWORD?: string | undefined;
  SMTP_REQUIRE_TLS: boolean;
  SMTP_TLS_REJECT_UNAUTHORIZED: boolean;
  SMTP_TIMEOUT_MS: number;
}

/**
 * nodemailer's options from the settings. The URL is read here rather than by nodemailer, because nodemailer lets
 * the URL's credentials win over explicit ones, and SMTP_USER / SMTP_PASSWORD are meant to override it.
 *
 * One pooled connection (the sender sends one mail at a time) and no requeueing inside the pool: every retry is
 * the sender's own, counted and spaced by its backoff.
 */
export function smtpOptions(settings: SmtpSettings): SMTPPoolOptions {
  const url = new URL(settings.SMTP_URL);
  const secure = url.protocol === 'smtps:';
  const user = settings.SMTP_USER ?? decodeURIComponent(url.username);
  const pass = settings.SMTP_PASSWORD ?? decodeURIComponent(url.password);
  const options: SMTPPoolOptions = {
    pool: true,
    maxConnections: 1,
    maxMessages: 100,
    maxRequeues: 0,
    idleTimeout: 30_000,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && settings.SMTP_REQUIRE_TLS,
    tls: { rejectUnauthorized: settings.SMTP_TLS_REJECT_UNAUTHORIZED },
    connectionTimeout: settings.SMTP_TIMEOUT_MS,
    greetingTimeout: settings.SMTP_TIMEOUT_MS,
    socketTimeout: settings.SMTP_TIMEOUT_MS,
  };
  if (user) options.auth = { user, pass };
  return options;
}

import { ConfigError, loadConfig } from '@broker/platform';
import { NotificationsConfig } from './notifications.config';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(NotificationsConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable).sort();
    throw error;
  }
  return [];
}

describe('notifications config', () => {
  it('needs only SMTP_URL and has defaults for the rest', () => {
    const config = loadConfig(NotificationsConfig, { SMTP_URL: 'smtp://127.0.0.1:1025' });
    expect(config).toMatchObject({
      SMTP_URL: 'smtp://127.0.0.1:1025',
      SMTP_REQUIRE_TLS: false,
      SMTP_TLS_REJECT_UNAUTHORIZED: true,
      PUBLIC_URL: 'http://localhost:3000',
      NOTIFY_MAX_ATTEMPTS: 20,
    });
  });

  it('names SMTP_URL when it is missing', () => {
    expect(problems({})).toEqual(['SMTP_URL']);
  });

  it('names every bad variable', () => {
    expect(
      problems({
        SMTP_URL: 'http://mail.example.com',
        MAIL_FROM: 'nobody',
        PUBLIC_URL: 'ftp://portal',
        SMTP_REQUIRE_TLS: 'maybe',
        NOTIFY_MAX_ATTEMPTS: '0',
        NOTIFY_RETRY_BASE_MS: '5000',
        NOTIFY_RETRY_MAX_MS: '1000',
      }),
    ).toEqual(['MAIL_FROM', 'NOTIFY_MAX_ATTEMPTS', 'NOTIFY_RETRY_MAX_MS', 'PUBLIC_URL', 'SMTP_REQUIRE_TLS', 'SMTP_URL']);
  });

  it('accepts smtps:// with credentials, a named sender and an https portal', () => {
    const config = loadConfig(NotificationsConfig, {
      SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      MAIL_FROM: '"Cloud Broker" <no-reply@broker.example>',
      PUBLIC_URL: 'https://portal.example.com/app/',
      SMTP_TLS_REJECT_UNAUTHORIZED: 'false',
    });
    expect(config.SMTP_TLS_REJECT_UNAUTHORIZED).toBe(false);
  });
});

import { smtpOptions, type SmtpSettings } from './smtp-options';

const base: SmtpSettings = { SMTP_URL: 'smtp://127.0.0.1:1025', SMTP_REQUIRE_TLS: false, SMTP_TLS_REJECT_UNAUTHORIZED: true, SMTP_TIMEOUT_MS: 30_000 };

describe('smtpOptions', () => {
  it('reads host and port, no TLS from the start, no credentials', () => {
    const options = smtpOptions(base);
    expect(options).toMatchObject({ host: '127.0.0.1', port: 1025, secure: false, requireTLS: false, tls: { rejectUnauthorized: true }, maxRequeues: 0 });
    expect(options.auth).toBeUndefined();
  });

  it('uses TLS from the start for smtps://, with port 465 by default, and decodes credentials in the URL', () => {
    const options = smtpOptions({ ...base, SMTP_URL: 'smtps://mailer%40example.com:p%40ss@mail.example.com' });
    expect(options).toMatchObject({ host: 'mail.example.com', port: 465, secure: true, requireTLS: false, auth: { user: 'mailer@example.com', pass: 'p@ss' } });
  });

  it('lets SMTP_USER and SMTP_PASSWORD override the URL, and requires STARTTLS when asked', () => {
    const options = smtpOptions({ ...base, SMTP_URL: 'smtp://old:old@[::1]:2525', SMTP_USER: 'new', SMTP_PASSWORD: 'secret', SMTP_REQUIRE_TLS: true, SMTP_TLS_REJECT_UNAUTHORIZED: false });
    expect(options).toMatchObject({ host: '::1', port: 2525, requireTLS: true, tls: { rejectUnauthorized: false }, auth: { user: 'new', pass: 'secret' } });
  });
});

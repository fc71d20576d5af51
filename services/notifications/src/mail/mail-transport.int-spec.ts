import { SmtpReceiver } from '../../../../test/support/smtp-receiver';
import { describeSmtpFailure, SmtpMailTransport, type OutgoingMail } from './mail-transport';
import { smtpOptions, type SmtpSettings } from './smtp-options';

/** The SMTP transport against a real SMTP server (smtp-server on loopback): TLS, authentication, headers. */
const mail = (to: string): OutgoingMail => ({
  messageId: '<0b6f8d2e-1c1e-5a3b-9d4f-0123456789ab@broker.example>',
  from: { name: 'Cloud Broker', address: 'no-reply@broker.example' },
  to: { name: 'Quinn Tester', address: to },
  replyTo: { name: 'Rita', address: 'rita@contoso.example' },
  subject: 'Grüße & <Hallo>',
  text: 'Plain text',
  html: '<p>HTML</p>',
  date: new Date('2026-03-16T09:00:00Z'),
  headers: { 'X-Broker-Notification-Id': '0b6f8d2e-1c1e-5a3b-9d4f-0123456789ab' },
});

const settings = (url: string, extra: Partial<SmtpSettings> = {}): SmtpSettings => ({
  SMTP_URL: url,
  SMTP_REQUIRE_TLS: false,
  SMTP_TLS_REJECT_UNAUTHORIZED: true,
  SMTP_TIMEOUT_MS: 5000,
  ...extra,
});

describe('SmtpMailTransport (real SMTP server)', () => {
  const receiver = new SmtpReceiver({ secure: true, auth: { user: 'mailer', pass: 's3cret' } });
  const plain = new SmtpReceiver();

  beforeAll(async () => {
    await receiver.start();
    await plain.start();
  });

  afterAll(async () => {
    await receiver.stop();
    await plain.stop();
  });

  it('sends over TLS with credentials, keeping Message-ID, Date, Reply-To and its own header', async () => {
    const transport = new SmtpMailTransport(
      smtpOptions(settings(`smtps://127.0.0.1:${receiver.port}`, { SMTP_USER: 'mailer', SMTP_PASSWORD: 's3cret', SMTP_TLS_REJECT_UNAUTHORIZED: false })),
    );
    try {
      const delivery = await transport.send(mail('quinn@contoso.example'));
      expect(delivery.response).toMatch(/^250/);
    } finally {
      transport.close();
    }
    const [received] = await receiver.waitFor((m) => m.envelopeTo.includes('quinn@contoso.example'));
    expect(received).toMatchObject({
      messageId: '<0b6f8d2e-1c1e-5a3b-9d4f-0123456789ab@broker.example>',
      subject: 'Grüße & <Hallo>',
      envelopeFrom: 'no-reply@broker.example',
      text: 'Plain text',
      html: '<p>HTML</p>',
    });
    expect(received!.replyToAddresses).toEqual(['rita@contoso.example']);
    expect(received!.replyTo).toContain('Rita');
    expect(received!.headers['x-broker-notification-id']).toBe('0b6f8d2e-1c1e-5a3b-9d4f-0123456789ab');
    expect(received!.headers.date).toContain('16 Mar 2026 09:00:00');
  });

  it('fails with EAUTH on wrong credentials, and refuses a self-signed certificate unless told otherwise', async () => {
    const wrong = new SmtpMailTransport(smtpOptions(settings(`smtps://mailer:wrong@127.0.0.1:${receiver.port}`, { SMTP_TLS_REJECT_UNAUTHORIZED: false })));
    await expect(wrong.send(mail('a@contoso.example')).catch((e: unknown) => Promise.reject(describeSmtpFailure(e)))).rejects.toMatchObject({ code: 'EAUTH' });
    wrong.close();

    const strict = new SmtpMailTransport(smtpOptions(settings(`smtps://mailer:s3cret@127.0.0.1:${receiver.port}`)));
    await expect(strict.send(mail('a@contoso.example'))).rejects.toThrow(/certificate/i);
    strict.close();
  });

  it('refuses to send in clear text when STARTTLS is required and the server does not offer it', async () => {
    const transport = new SmtpMailTransport(smtpOptions(settings(plain.url, { SMTP_REQUIRE_TLS: true })));
    await expect(transport.send(mail('a@contoso.example'))).rejects.toThrow(/STARTTLS/i);
    transport.close();
    expect(plain.messages).toHaveLength(0);
  });

  it('reports connection refused when nothing listens', async () => {
    const down = new SmtpReceiver();
    await down.start();
    const url = down.url;
    await down.stop();
    const transport = new SmtpMailTransport(smtpOptions(settings(url)));
    const failure = await transport.send(mail('a@contoso.example')).then(
      () => null,
      (e: unknown) => describeSmtpFailure(e),
    );
    transport.close();
    expect(failure).toMatchObject({ code: 'ESOCKET' });
    expect(failure!.message).toContain('ECONNREFUSED');
  });
});

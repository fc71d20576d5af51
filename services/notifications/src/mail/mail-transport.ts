import { createTransport, type Transporter } from 'nodemailer';
import type { SMTPPoolOptions } from 'nodemailer/lib/smtp-pool';
import type { Mailbox } from './mailbox';

/** One e-mail as the sender hands it over; everything in it was fixed when the notification was queued. */
export interface OutgoingMail {
  /** `<id@domain>`: the same on every attempt, so a receiver can recognise a repeat. */
  messageId: string;
  from: Mailbox;
  to: Mailbox;
  replyTo: Mailbox | null;
  subject: string;
  text: string;
  html: string;
  date: Date;
  headers: Record<string, string>;
}

export interface MailDelivery {
  /** The server's final answer, e.g. `250 OK: queued as 12345`. */
  response: string;
}

/** Where mail goes. Resolves once the server accepted the message; rejects on anything else. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<MailDelivery>;
  close(): void;
}

export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(options: SMTPPoolOptions) {
    this.transporter = createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<MailDelivery> {
    const info = await this.transporter.sendMail({
      messageId: mail.messageId,
      from: mail.from,
      to: mail.to,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      date: mail.date,
      headers: mail.headers,
    });
    return { response: String((info as { response?: unknown }).response ?? '') };
  }

  close(): void {
    this.transporter.close();
  }
}

export interface SmtpFailure {
  message: string;
  /** nodemailer's code: ESOCKET, ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, EMESSAGE, ... */
  code: string | null;
  /** The SMTP reply code when the server answered, e.g. 421, 450, 550. */
  responseCode: number | null;
}

export function describeSmtpFailure(error: unknown): SmtpFailure {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return {
    message: error instanceof Error ? error.message : String(error),
    code: typeof code === 'string' ? code : null,
    responseCode: typeof responseCode === 'number' ? responseCode : null,
  };
}

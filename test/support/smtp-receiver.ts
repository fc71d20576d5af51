import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message as the receiver got it: the SMTP envelope, the parsed headers and parts, and the raw source. */
export interface ReceivedMail {
  envelopeFrom: string | null;
  envelopeTo: string[];
  messageId: string | null;
  subject: string;
  from: string;
  to: string;
  replyTo: string;
  /** The bare addresses of Reply-To. */
  replyToAddresses: string[];
  /** Every header, lower-case names. */
  headers: Record<string, string>;
  text: string;
  html: string;
  raw: string;
  receivedAt: Date;
}

export interface SmtpReceiverOptions {
  /** Fixed port; default a free one, kept across stop() and start() so a client can reconnect. */
  port?: number;
  /** When set, AUTH with exactly these credentials is required. */
  auth?: { user: string; pass: string };
  /** TLS from the first byte (smtps), with smtp-server's built-in self-signed certificate. */
  secure?: boolean;
  /** Recipients refused with 550 (the message is not accepted). */
  rejectRecipient?: (address: string) => boolean;
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  value === undefined ? [] : (Array.isArray(value) ? value : [value]).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

const addressText = (value: AddressObject | AddressObject[] | undefined): string =>
  value === undefined ? '' : (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');

/**
 * A real SMTP server (smtp-server) for tests, on loopback: keeps every accepted message, parsed with mailparser.
 * It can be stopped and started again on the same port to play an outage.
 */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  /** RCPT TO addresses refused by rejectRecipient. */
  readonly refused: string[] = [];
  private server: SMTPServer | null = null;
  private boundPort: number;

  constructor(private readonly options: SmtpReceiverOptions = {}) {
    this.boundPort = options.port ?? 0;
  }

  get port(): number {
    return this.boundPort;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** `smtp://127.0.0.1:<port>` (or smtps://), without credentials. */
  get url(): string {
    return `${this.options.secure ? 'smtps' : 'smtp'}://127.0.0.1:${this.boundPort}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const auth = this.options.auth;
    const options: SMTPServerOptions = {
      secure: this.options.secure ?? false,
      logger: false,
      disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !auth,
      allowInsecureAuth: true,
      // Clients keep pooled connections open: close them soon when the test stops the server.
      closeTimeout: 100,
      onAuth: (credentials, _session, callback) => {
        if (auth && credentials.username === auth.user && credentials.password === auth.pass) callback(null, { user: auth.user });
        else callback(new Error('Invalid username or password'));
      },
      onRcptTo: (address, _session, callback) => {
        if (this.options.rejectRecipient?.(address.address)) {
          this.refused.push(address.address);
          callback(Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((parsed) => {
              const headers: Record<string, string> = {};
              for (const line of parsed.headerLines) headers[line.key.toLowerCase()] = line.line.slice(line.line.indexOf(':') + 1).trim();
              this.messages.push({
                envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                messageId: parsed.messageId ?? null,
                subject: parsed.subject ?? '',
                from: addressText(parsed.from),
                to: addressText(parsed.to),
                replyTo: addressText(parsed.replyTo),
                replyToAddresses: addresses(parsed.replyTo),
                headers,
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                raw: raw.toString('utf8'),
                receivedAt: new Date(),
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    };
    const server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    this.boundPort = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops open connections: clients get "connection refused" until start() again. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages addressed (SMTP envelope) to this recipient. */
  to(address: string): ReceivedMail[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === wanted));
  }

  /** Waits until `match` finds at least `count` messages; returns them. */
  async waitFor(match: (mail: ReceivedMail) => boolean, options: { count?: number; timeoutMs?: number; what?: string } = {}): Promise<ReceivedMail[]> {
    const count = options.count ?? 1;
    const deadline = Date.now() + (options.timeoutMs ?? 20_000);
    for (;;) {
      const found = this.messages.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${count} e-mail(s): ${options.what ?? 'matching'}; have ${found.length} of ${this.messages.length} received`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

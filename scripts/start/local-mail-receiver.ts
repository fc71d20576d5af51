import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface LocalMailReceiver {
  /** `smtp://127.0.0.1:<port>`: what the notifications service gets as SMTP_URL. */
  url: string;
  folder: string;
  close(): Promise<void>;
}

/** File-name safe, and the same for the same Message-ID. */
const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 120) || 'message';

/** `20260316-090500` from the mail's Date header (fixed when the mail was queued), so a repeat lands on the same file. */
const stamp = (date: Date | undefined): string => (date && !Number.isNaN(date.getTime()) ? date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15) : 'undated');

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

/**
 * `npm start` without SMTP_URL: a built-in SMTP receiver on loopback that keeps every mail as an .eml file (open it
 * with any mail program) and prints one line per mail. A mail sent again with the same Message-ID (docs/adr/0008)
 * lands on the same file, so the folder holds each notification once.
 */
export async function startLocalMailReceiver(options: { folder: string; root: string; preferredPort?: number; print?: (line: string) => void }): Promise<LocalMailReceiver> {
  const print = options.print ?? ((line: string) => console.log(line));
  mkdirSync(options.folder, { recursive: true });
  const create = (): SMTPServer =>
    new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      closeTimeout: 500,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((mail) => {
              const file = join(options.folder, `${stamp(mail.date)}-${safe(mail.messageId ?? `${Date.now()}`)}.eml`);
              const repeat = existsSync(file);
              writeFileSync(file, raw);
              const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
              print(`[mail] to: ${to}  subject: ${mail.subject ?? '(none)'}  -> ${relative(options.root, file)}${repeat ? '  (same Message-ID as before: kept once)' : ''}`);
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
  let server = create();
  let port: number;
  try {
    port = await listen(server, options.preferredPort ?? 1025);
  } catch {
    // The preferred port is taken (another run, another tool): any free one will do, the services are told which.
    server = create();
    port = await listen(server, 0);
  }
  server.on('error', (error: Error) => print(`[mail] receiver error: ${error.message}`));
  return {
    url: `smtp://127.0.0.1:${port}`,
    folder: options.folder,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { randomUUID } from 'node:crypto';
import type { DocumentStore, StoredDocument, UnitOfWork } from '@broker/read-models';
import { PostgresDocumentStore, PostgresLeaseLock, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { MovableClock } from '@broker/read-models/testing';
import { SmtpReceiver } from '../../../../test/support/smtp-receiver';
import { SmtpMailTransport, type MailTransport } from '../mail/mail-transport';
import { smtpOptions } from '../mail/smtp-options';
import { renderMail } from '../templates/mail-layout';
import { enqueueNotification } from './enqueue-notification';
import { NOTIFICATIONS, type NotificationDocument } from './notification';
import type { NotificationContext, NotificationLogger } from './notification-settings';
import { NotificationSender } from './notification-sender';
import { countParkedNotifications } from './parked-notifications';

jest.setTimeout(60_000);

/**
 * The sender against real PostgreSQL (queue, leader lease) and a real SMTP server: each e-mail sent once, retried
 * while the server is down, parked after its last attempt, and the window between the server's acceptance and the
 * record of it closed the way docs/adr/0008 says.
 */
interface Line {
  level: string;
  message: string;
  context: Record<string, unknown>;
}

function capturingLogger(): NotificationLogger & { lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (context: Record<string, unknown>, message: string) => void lines.push({ level, message, context });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const silent: NotificationLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fails writes that record an e-mail as sent, as a store that went away right after the server accepted it. */
class FailingSentWrites implements DocumentStore {
  failures: number;
  constructor(private readonly inner: DocumentStore, failures: number) {
    this.failures = failures;
  }
  get checkpoints() {
    return this.inner.checkpoints;
  }
  ensureCollection: DocumentStore['ensureCollection'] = (d) => this.inner.ensureCollection(d);
  get: DocumentStore['get'] = (c, id) => this.inner.get(c, id);
  find: DocumentStore['find'] = (c, q) => this.inner.find(c, q);
  delete: DocumentStore['delete'] = (c, id) => this.inner.delete(c, id);
  clear: DocumentStore['clear'] = (c) => this.inner.clear(c);
  unitOfWork: DocumentStore['unitOfWork'] = (work) => this.inner.unitOfWork((uow) => work(this.failingIn(uow)));
  close: DocumentStore['close'] = () => this.inner.close();
  upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    return this.refuses(data) ? Promise.reject(new Error('connection to the store lost')) : this.inner.upsert(collection, id, data, expectedVersion);
  }
  private refuses(data: unknown): boolean {
    if ((data as { status?: string }).status !== 'sent' || this.failures <= 0) return false;
    this.failures--;
    return true;
  }
  private failingIn(uow: UnitOfWork): UnitOfWork {
    return {
      checkpoints: uow.checkpoints,
      inbox: uow.inbox,
      fence: (lease) => uow.fence(lease),
      get: (c, id) => uow.get(c, id),
      find: (c, q) => uow.find(c, q),
      delete: (c, id) => uow.delete(c, id),
      clear: (c) => uow.clear(c),
      upsert: <T>(c: string, id: string, data: T, expectedVersion?: number) =>
        this.refuses(data) ? Promise.reject(new Error('connection to the store lost')) : uow.upsert(c, id, data, expectedVersion),
    };
  }
}

/** Holds every send at a gate until it is opened: a sender frozen while the server takes its mail. */
class GatedTransport implements MailTransport {
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  sending = 0;
  constructor(private readonly inner: MailTransport) {}
  async send(mail: Parameters<MailTransport['send']>[0]) {
    this.sending++;
    await this.gate;
    return this.inner.send(mail);
  }
  letGo(): void {
    this.open();
  }
  close(): void {
    this.inner.close();
  }
}

describe('NotificationSender (PostgreSQL + SMTP)', () => {
  let connection: PostgresConnection;
  let drop: () => Promise<void>;
  let store: PostgresDocumentStore;
  const locks: PostgresLeaseLock[] = [];
  const senders: NotificationSender[] = [];
  const transports: SmtpMailTransport[] = [];
  const receiver = new SmtpReceiver({ rejectRecipient: (address) => address.startsWith('bounce') });
  const context: NotificationContext = {
    settings: { from: { name: 'Broker', address: 'no-reply@broker.example' }, messageIdDomain: 'broker.example', publicUrl: 'https://portal.example', maxEventAgeMs: 0 },
    logger: silent,
    now: () => new Date(),
  };

  const queue = async (to: string, subject = `Hello ${to}`): Promise<string> => {
    const envelope = { id: randomUUID(), type: 'test.event.v1', occurredAt: new Date().toISOString(), correlationId: 'c', causationId: 'c', resellerId: null, organizationId: null, data: {} };
    await store.unitOfWork((uow) =>
      enqueueNotification(uow, context, { kind: 'welcome', envelope, to: { name: 'Someone', address: to }, mail: renderMail({ subject, heading: 'Hi', intro: 'Hello', facts: [] }) }),
    );
    const page = await store.find<NotificationDocument>(NOTIFICATIONS.name, { limit: 500 });
    return page.items.find((d) => d.data.eventId === envelope.id)!.id;
  };
  const notification = async (id: string) => (await store.get<NotificationDocument>(NOTIFICATIONS.name, id))!.data;

  const sender = (
    options: {
      store?: DocumentStore;
      logger?: NotificationLogger;
      maxAttempts?: number;
      lock?: PostgresLeaseLock;
      transport?: (smtp: MailTransport) => MailTransport;
      outcomes?: string[];
    } = {},
  ) => {
    const lock = options.lock ?? new PostgresLeaseLock(connection);
    const transport = new SmtpMailTransport(smtpOptions({ SMTP_URL: receiver.url, SMTP_REQUIRE_TLS: false, SMTP_TLS_REJECT_UNAUTHORIZED: true, SMTP_TIMEOUT_MS: 5000 }));
    const created = new NotificationSender({
      store: options.store ?? store,
      transport: options.transport?.(transport) ?? transport,
      leaderLock: lock,
      logger: options.logger ?? silent,
      retry: { maxAttempts: options.maxAttempts ?? 50, baseMs: 50, maxMs: 200 },
      pollMs: 50,
      lockName: 'notifications:sender',
      ...(options.outcomes ? { onAttemptOutcome: (outcome: string) => options.outcomes!.push(outcome) } : {}),
    });
    locks.push(lock);
    senders.push(created);
    transports.push(transport);
    return created;
  };

  const stopSenders = async () => {
    for (const s of senders.splice(0)) await s.stop();
    for (const t of transports.splice(0)) t.close();
    for (const l of locks.splice(0)) await l.close();
  };

  beforeAll(async () => {
    ({ connection, drop } = await createTestConnection('notif'));
    store = new PostgresDocumentStore(connection);
    await store.init();
    await store.ensureCollection(NOTIFICATIONS);
    await receiver.start();
  });

  afterEach(async () => {
    await stopSenders();
    await store.clear(NOTIFICATIONS.name);
    receiver.messages.length = 0;
    if (!receiver.running) await receiver.start();
  });

  afterAll(async () => {
    await stopSenders();
    await receiver.stop();
    await drop();
  });

  it('sends each queued e-mail once, with its Message-ID, and records it as sent', async () => {
    const ids = [await queue('a@contoso.example'), await queue('b@contoso.example'), await queue('c@contoso.example')];
    sender().start();
    await receiver.waitFor(() => true, { count: 3 });
    await until(async () => (await Promise.all(ids.map(notification))).every((n) => n.status === 'sent'), 'all recorded as sent');
    for (const id of ids) {
      const sent = await notification(id);
      expect(sent).toMatchObject({ attempts: 1, interruptedAttempts: 0, smtpResponse: expect.stringMatching(/^250/) });
      expect(receiver.messages.filter((m) => m.messageId === sent.mail.messageId)).toHaveLength(1);
      expect(sent.mail.messageId).toBe(`<${id}@broker.example>`);
    }
    expect(receiver.messages.map((m) => m.headers['x-broker-notification-id']).sort()).toEqual([...ids].sort());
  });

  it('retries with backoff while the server is down and sends each e-mail once when it is back', async () => {
    await receiver.stop();
    const logger = capturingLogger();
    const ids = [await queue('d@contoso.example'), await queue('e@contoso.example')];
    sender({ logger }).start();
    await until(async () => (await Promise.all(ids.map(notification))).every((n) => n.attempts >= 2), 'two failed attempts each');
    const waiting = await notification(ids[0]!);
    expect(waiting).toMatchObject({ status: 'queued', lastError: { code: 'ESOCKET' } });
    expect(logger.lines.some((l) => l.level === 'warn' && l.message === 'e-mail not accepted; will retry')).toBe(true);

    await receiver.start();
    await receiver.waitFor(() => true, { count: 2 });
    await until(async () => (await Promise.all(ids.map(notification))).every((n) => n.status === 'sent'), 'both sent');
    // Another e-mail queued afterwards and delivered proves the sender kept going without repeating the first two.
    await queue('fence@contoso.example');
    await receiver.waitFor((m) => m.envelopeTo.includes('fence@contoso.example'));
    expect(receiver.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['d@contoso.example', 'e@contoso.example', 'fence@contoso.example']);
  });

  it('parks an e-mail after its last attempt, logs and counts it, and keeps sending the others', async () => {
    const logger = capturingLogger();
    const outcomes: string[] = [];
    const bounce = await queue('bounce@contoso.example');
    const good = await queue('good@contoso.example');
    sender({ logger, maxAttempts: 3, outcomes }).start();
    await until(async () => (await notification(bounce)).status === 'parked', 'the bounce parked');
    expect(await notification(bounce)).toMatchObject({ attempts: 3, lastError: { code: 'EENVELOPE', responseCode: 550 }, parkedAt: expect.any(String) });
    expect(await countParkedNotifications(store)).toBe(1);
    expect(logger.lines.find((l) => l.message === 'e-mail parked after its last attempt')?.context).toMatchObject({ notificationId: bounce, attempts: 3, responseCode: 550 });
    await until(async () => (await notification(good)).status === 'sent', 'the good one sent');
    expect(receiver.refused.filter((a) => a === 'bounce@contoso.example').length).toBe(3);
    // What the metrics count: two retries and the parking of the bounce, one send of the good one.
    expect([...outcomes].sort()).toEqual(['parked', 'retry', 'retry', 'sent']);
  });

  it('records a sent e-mail later without sending it again when the store fails right after the server accepted it', async () => {
    const id = await queue('f@contoso.example');
    const flaky = new FailingSentWrites(store, 2);
    sender({ store: flaky }).start();
    await until(async () => (await notification(id)).status === 'sent', 'recorded as sent');
    expect(flaky.failures).toBe(0);
    expect(receiver.messages).toHaveLength(1);
  });

  it('sends an e-mail again, with the same Message-ID, when its sender stopped between acceptance and record', async () => {
    const id = await queue('g@contoso.example');
    // The first sender's store never records "sent": it stops as a crashed process would, leaving the claim behind.
    const first = sender({ store: new FailingSentWrites(store, 1_000) });
    first.start();
    await receiver.waitFor(() => true);
    await first.stop();
    expect(await notification(id)).toMatchObject({ status: 'sending', attempts: 1 });

    const logger = capturingLogger();
    sender({ logger }).start();
    await until(async () => (await notification(id)).status === 'sent', 'recorded as sent by the next sender');
    const messageIds = receiver.messages.map((m) => m.messageId);
    expect(messageIds).toEqual([`<${id}@broker.example>`, `<${id}@broker.example>`]);
    expect(await notification(id)).toMatchObject({ attempts: 2, interruptedAttempts: 1 });
    expect(logger.lines.some((l) => l.level === 'warn' && l.context.notificationId === id && /sent again with the same Message-ID/.test(l.message))).toBe(true);
  });

  it('sends each e-mail once with two senders on the same queue, and a restarted sender sends nothing again', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await queue(`user${i}@contoso.example`));
    sender().start();
    sender().start();
    await receiver.waitFor(() => true, { count: 20 });
    await until(async () => (await Promise.all(ids.map(notification))).every((n) => n.status === 'sent'), 'all sent');
    await stopSenders();

    sender().start();
    await queue('fence@contoso.example');
    await receiver.waitFor((m) => m.envelopeTo.includes('fence@contoso.example'));
    const perRecipient = new Map<string, number>();
    for (const m of receiver.messages) perRecipient.set(m.envelopeTo[0]!, (perRecipient.get(m.envelopeTo[0]!) ?? 0) + 1);
    expect(perRecipient.size).toBe(21);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
  });

  describe('after its lease has passed on while it was frozen', () => {
    // A holder that never renews and whose clock stands still: it believes it leads; only the fence can tell it.
    const frozenLock = () => new PostgresLeaseLock(connection, { ttlMs: 60_000, renewEveryMs: 60_000, clock: new MovableClock().now });
    const passOn = async (): Promise<PostgresLeaseLock> => {
      await connection.pool.query(`UPDATE ${connection.qschema}.leader_leases SET expires_at = clock_timestamp() WHERE name = 'notifications:sender'`);
      const successor = new PostgresLeaseLock(connection);
      locks.push(successor);
      expect(await successor.tryAcquire('notifications:sender')).not.toBeNull(); // holds it and sends nothing
      return successor;
    };

    it('claims nothing and stands by; once it leads again it sends', async () => {
      const logger = capturingLogger();
      const lock = frozenLock();
      const early = await queue('early@contoso.example');
      sender({ logger, lock }).start();
      await until(async () => (await notification(early)).status === 'sent', 'the first e-mail sent');
      const successor = await passOn();
      const late = await queue('late@contoso.example');
      await until(() => logger.lines.some((l) => /refused/.test(l.message)), 'the claim to be refused');
      expect(await notification(late)).toMatchObject({ status: 'queued', attempts: 0 });
      expect(receiver.messages).toHaveLength(1);

      await successor.close();
      await until(async () => (await notification(late)).status === 'sent', 'the second e-mail sent after it leads again');
      expect(receiver.messages.map((m) => m.envelopeTo[0])).toEqual(['early@contoso.example', 'late@contoso.example']);
    });

    it('records no outcome for a mail the server took meanwhile, and records it once it leads again, without sending it twice', async () => {
      const logger = capturingLogger();
      let gated!: GatedTransport;
      const id = await queue('h@contoso.example');
      sender({ logger, lock: frozenLock(), transport: (smtp) => (gated = new GatedTransport(smtp)) }).start();
      await until(() => gated.sending === 1, 'the send to begin');
      expect(await notification(id)).toMatchObject({ status: 'sending', attempts: 1 });
      const successor = await passOn();
      gated.letGo();
      await receiver.waitFor(() => true);
      await until(() => logger.lines.some((l) => /refused/.test(l.message)), 'the record to be refused');
      expect(await notification(id)).toMatchObject({ status: 'sending', attempts: 1 });

      await successor.close();
      await until(async () => (await notification(id)).status === 'sent', 'recorded as sent after it leads again');
      expect(receiver.messages).toHaveLength(1);
      expect(await notification(id)).toMatchObject({ attempts: 1, interruptedAttempts: 0 });
    });
  });
});

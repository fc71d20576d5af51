import { randomUUID } from 'node:crypto';
import { ApprovalsEvents, IdentityEvents, OrganizationsEvents, type BudgetThresholdReachedV1, type IntegrationEventEnvelope, type Role } from '@broker/contracts';
import { encodeEnvelope, IntegrationEventConsumer } from '@broker/messaging';
import { capturingLogger, createTestDeployment, integrationEnvelope, waitUntil, type TestDeployment } from '@broker/messaging/testing';
import { PostgresDocumentStore, PostgresLeaseLock, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { mergeConsumers } from '@broker/runtime';
import { SmtpReceiver } from '../../../../test/support/smtp-receiver';
import { NotificationConsumers } from '../consumers';
import { DIRECTORY_COLLECTIONS, ORGANIZATION_DIRECTORY, USER_DIRECTORY } from '../directory/directory';
import { SmtpMailTransport } from '../mail/mail-transport';
import { smtpOptions } from '../mail/smtp-options';
import { NOTIFICATIONS, type NotificationDocument } from '../outbox/notification';
import type { NotificationContext, NotificationLogger } from '../outbox/notification-settings';
import { NotificationSender } from '../outbox/notification-sender';

jest.setTimeout(60_000);

/**
 * Budget notices as the service runs them: the service's own consumers on real JetStream (directories from identity's
 * and organizations' events, then approvals' budget-threshold-reached), the mail queue in real PostgreSQL, the sender
 * delivering to a real SMTP server. One event mails each active billing admin of its organization once, even when
 * JetStream holds it twice (a redelivery it cannot de-duplicate), and never another organization's people.
 */
const silent: NotificationLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('budget notices (JetStream + PostgreSQL + SMTP)', () => {
  let deployment: TestDeployment;
  let connection: PostgresConnection;
  let drop: () => Promise<void>;
  let store: PostgresDocumentStore;
  let lock: PostgresLeaseLock;
  let sender: NotificationSender;
  let transport: SmtpMailTransport;
  const consumers = new Map<string, IntegrationEventConsumer>();
  const receiver = new SmtpReceiver();
  const context: NotificationContext = {
    settings: { from: { name: 'Broker', address: 'no-reply@broker.example' }, messageIdDomain: 'broker.example', publicUrl: 'https://portal.example', maxEventAgeMs: 72 * 3_600_000 },
    logger: silent,
    now: () => new Date(),
  };

  const resellerId = randomUUID();
  const publish = (envelope: IntegrationEventEnvelope<unknown>, msgID = envelope.id) =>
    deployment.nats.jetstream().publish(deployment.names.eventSubject(envelope.type), encodeEnvelope(envelope), { msgID });

  /** An organization with users of the given roles, learnt by the service from its directory events. */
  const organization = async (name: string, roles: Role[]) => {
    const organizationId = randomUUID();
    const at = new Date().toISOString();
    await publish(
      integrationEnvelope(OrganizationsEvents.organizationCreated, {
        organizationId,
        resellerId,
        name,
        primaryDomain: `${organizationId}.example`,
        notificationEmail: `it@${organizationId}.example`,
        billingStartDate: '2026-01-01',
        createdBy: 'x',
        createdAt: at,
      }),
    );
    const users = roles.map((role) => ({ userId: randomUUID(), role, email: `${role}-${randomUUID().slice(0, 8)}@${organizationId}.example` }));
    for (const { userId, role, email } of users) {
      await publish(integrationEnvelope(IdentityEvents.userRegistered, { userId, username: email, firstName: 'Quinn', lastName: role, email, role, resellerId, organizationId, registeredAt: at }));
    }
    // Learnt before any budget event: the directory comes from other consumers than approvals' events.
    await waitUntil(async () => {
      const learnt = await Promise.all([store.get(ORGANIZATION_DIRECTORY.name, organizationId), ...users.map((u) => store.get(USER_DIRECTORY.name, u.userId))]);
      return learnt.every((entry) => entry !== null);
    }, `the directory to know ${name} and its users`);
    return { organizationId, users };
  };
  const budgetReached = (organizationId: string, data: Partial<BudgetThresholdReachedV1> = {}) =>
    integrationEnvelope(
      ApprovalsEvents.budgetThresholdReached,
      { organizationId, resellerId, costCentre: null, period: 'monthly', periodKey: '2026-03', threshold: 80, budget: '1000.00', committedSpend: '812.50', currency: 'EUR', reachedAt: new Date().toISOString(), ...data },
      { resellerId, organizationId },
    );
  /** The e-mails queued for an event (read from the queue in PostgreSQL). */
  const queuedFor = async (eventId: string): Promise<NotificationDocument[]> =>
    (await store.find<NotificationDocument>(NOTIFICATIONS.name, { limit: 500 })).items.map((d) => d.data).filter((n) => n.eventId === eventId);
  /** What the SMTP server received for an event: the mails carrying the id of one of its notifications. */
  const receivedFor = async (eventId: string) => {
    const ids = new Set((await queuedFor(eventId)).map((n) => n.notificationId));
    return receiver.messages.filter((m) => ids.has(m.headers['x-broker-notification-id'] ?? ''));
  };

  beforeAll(async () => {
    deployment = await createTestDeployment();
    ({ connection, drop } = await createTestConnection('budget_notices'));
    store = new PostgresDocumentStore(connection);
    await store.init();
    for (const collection of [...DIRECTORY_COLLECTIONS, NOTIFICATIONS]) await store.ensureCollection(collection);
    await receiver.start();
    for (const definition of mergeConsumers(new NotificationConsumers(context).consumers())) {
      const consumer = new IntegrationEventConsumer({
        names: deployment.names,
        service: 'notifications',
        consumer: definition.name,
        filterSubject: deployment.names.eventSubjectsOf(definition.from),
        documentStore: store,
        handlers: definition.handlers,
        nats: deployment.nats,
        backoffMs: 100,
        logger: capturingLogger(),
      });
      await consumer.start();
      consumers.set(definition.name, consumer);
    }
    lock = new PostgresLeaseLock(connection);
    transport = new SmtpMailTransport(smtpOptions({ SMTP_URL: receiver.url, SMTP_REQUIRE_TLS: false, SMTP_TLS_REJECT_UNAUTHORIZED: true, SMTP_TIMEOUT_MS: 5000 }));
    sender = new NotificationSender({ store, transport, leaderLock: lock, logger: silent, retry: { maxAttempts: 5, baseMs: 50, maxMs: 200 }, pollMs: 50, lockName: 'notifications:sender' });
    sender.start();
  });

  afterAll(async () => {
    await sender?.stop();
    transport?.close();
    await lock?.close();
    for (const consumer of consumers.values()) await consumer.stop();
    await receiver.stop();
    await store?.close();
    await drop?.();
    await deployment?.cleanup();
  });

  it("mails each active billing admin of the organization once, the same event delivered twice included, and no other organization's people", async () => {
    const contoso = await organization('Contoso', ['org_billing_admin', 'org_billing_admin', 'org_admin', 'org_user']);
    const fabrikam = await organization('Fabrikam', ['org_billing_admin', 'org_admin']);
    const billingAdmins = contoso.users.filter((u) => u.role === 'org_billing_admin').map((u) => u.email);
    const event = budgetReached(contoso.organizationId);
    // Under another message id as well: a copy JetStream stores and delivers, which only the consumer can catch.
    await publish(event);
    await publish(event, `${event.id}-again`);

    await waitUntil(async () => (await queuedFor(event.id)).length === 2 && (await receivedFor(event.id)).length === 2, 'both billing admins to be mailed');
    const approvals = consumers.get('approvals')!;
    await waitUntil(() => approvals.stats().duplicates >= 1, 'the second copy to be seen as a duplicate');
    // Time for a second e-mail to be queued and sent, were one coming.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const mails = await receivedFor(event.id);
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual([...billingAdmins].sort());
    expect((await queuedFor(event.id)).map((n) => n.status)).toEqual(['sent', 'sent']);
    for (const mail of mails) {
      expect(mail.subject).toBe('Budget 80 % reached: Contoso 2026-03');
      expect(mail.text).toContain('Committed spend: 812.50 EUR');
      expect(mail.text).toContain('Budget: 1000.00 EUR');
      expect(mail.text).toContain(`https://portal.example/organizations/${contoso.organizationId}/budgets`);
    }
    const everyoneElse = [...contoso.users.filter((u) => u.role !== 'org_billing_admin'), ...fabrikam.users].map((u) => u.email);
    // They got their welcome e-mails (userRegistered), and no budget notice.
    expect(receiver.messages.filter((m) => m.subject.startsWith('Budget') && m.envelopeTo.some((to) => everyoneElse.includes(to)))).toEqual([]);
  });

  it('mails the admins when the organization has no billing admin', async () => {
    const northwind = await organization('Northwind', ['org_admin', 'org_viewer']);
    const admin = northwind.users.find((u) => u.role === 'org_admin')!.email;
    const event = budgetReached(northwind.organizationId, { costCentre: 'Marketing', threshold: 100, periodKey: '2026-Q1', period: 'quarterly' });
    await publish(event);

    await waitUntil(async () => (await queuedFor(event.id)).length === 1 && (await receivedFor(event.id)).length === 1, 'the admin to be mailed');
    const [mail] = await receivedFor(event.id);
    expect(mail!.envelopeTo).toEqual([admin]);
    expect(mail!.subject).toBe('Budget 100 % reached: Marketing 2026-Q1');
  });
});

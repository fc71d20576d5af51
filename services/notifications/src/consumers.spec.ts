import {
  ApprovalsEvents,
  IdentityEvents,
  OrganizationsEvents,
  SupportRequestEvents,
  type EventContract,
  type IntegrationEventEnvelope,
  type Role,
  type TransactionFactsV1,
} from '@broker/contracts';
import type { IntegrationEventHandlers } from '@broker/messaging';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { mergeConsumers } from '@broker/runtime';
import { NotificationConsumers } from './consumers';
import { DIRECTORY_COLLECTIONS, DirectoryEntryMissingError } from './directory/directory';
import { NOTIFICATIONS, notificationIdFor, type NotificationDocument } from './outbox/notification';
import type { NotificationContext } from './outbox/notification-settings';

const NOW = new Date('2026-03-16T12:00:00Z');
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const context: NotificationContext = {
  settings: { from: { name: 'Broker', address: 'no-reply@broker.example' }, messageIdDomain: 'broker.example', publicUrl: 'https://portal.example', maxEventAgeMs: 72 * 3_600_000 },
  logger: silent,
  now: () => NOW,
};

let sequence = 0;
function envelope<D>(contract: EventContract<D>, data: NoInfer<D>, occurredAt = '2026-03-16T11:00:00.000Z'): IntegrationEventEnvelope<D> {
  sequence++;
  return { id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`, type: contract.type, occurredAt, correlationId: 'c', causationId: 'c', resellerId: 'r-1', organizationId: 'o-1', data };
}

const facts: TransactionFactsV1 = {
  transactionId: 't-1',
  resellerId: 'r-1',
  organizationId: 'o-1',
  transactionType: 'order',
  productId: 'p-1',
  productName: 'Backup Pro',
  subscriptionId: 's-1',
  quantity: 5,
  previousQuantity: 0,
  unitPrice: '21.00',
  annualValue: '1260.00',
  currency: 'EUR',
  billingFrequency: 'monthly',
  requestedBy: 'u-1',
  requestedAt: '2026-03-16T11:00:00.000Z',
  appliedPolicy: 'approval_required',
};

describe('notification consumers', () => {
  let store: InMemoryDocumentStore;
  /** Each consumer's handlers: an event goes to every consumer that handles it, each in its own unit of work, as in the service. */
  let handlers: IntegrationEventHandlers[];

  const apply = async (event: IntegrationEventEnvelope<unknown>) => {
    const handling = handlers.map((map) => map[event.type]).filter((handler) => handler !== undefined);
    if (handling.length === 0) throw new Error(`no handler for ${event.type}`);
    for (const handler of handling) await store.unitOfWork((uow) => handler(event as IntegrationEventEnvelope<never>, uow));
  };
  const queued = async () => (await store.find<NotificationDocument>(NOTIFICATIONS.name, { limit: 500 })).items.map((d) => d.data);

  const reseller = () =>
    apply(envelope(OrganizationsEvents.resellerCreated, { resellerId: 'r-1', name: 'Northwind', currency: 'EUR', notificationEmail: 'approvals@northwind.example', supportEmail: 'support@northwind.example', createdAt: '2026-01-01T00:00:00Z' }));
  const organization = (name = 'Contoso') =>
    apply(envelope(OrganizationsEvents.organizationCreated, { organizationId: 'o-1', resellerId: 'r-1', name, primaryDomain: 'contoso.example', notificationEmail: 'it@contoso.example', billingStartDate: '2026-01-02', createdBy: 'x', createdAt: '2026-01-02T00:00:00Z' }));
  const user = (userId: string, email: string, role: Role = 'org_admin') =>
    apply(envelope(IdentityEvents.userRegistered, { userId, username: `${userId}@contoso.example`, firstName: 'Quinn', lastName: userId, email, role, resellerId: 'r-1', organizationId: 'o-1', registeredAt: '2026-01-03T00:00:00Z' }, '2026-01-03T00:00:00Z'));

  beforeEach(async () => {
    store = new InMemoryDocumentStore();
    for (const collection of [...DIRECTORY_COLLECTIONS, NOTIFICATIONS]) await store.ensureCollection(collection);
    handlers = mergeConsumers(new NotificationConsumers(context).consumers()).map((c) => c.handlers);
  });

  it('welcomes a new user at their contact address with the login name and a link, and no password', async () => {
    await organization();
    const registered = envelope(IdentityEvents.userRegistered, { userId: 'u-9', username: 'nina@contoso.example', firstName: 'Nina', lastName: 'New', email: 'nina.private@mail.example', role: 'org_user', resellerId: 'r-1', organizationId: 'o-1', registeredAt: '2026-03-16T11:00:00Z' });
    await apply(registered);
    const [mail] = await queued();
    expect(mail).toMatchObject({
      notificationId: notificationIdFor(registered.id, 'nina.private@mail.example'),
      kind: 'welcome',
      status: 'queued',
      attempts: 0,
      mail: { to: { name: 'Nina New', address: 'nina.private@mail.example' }, messageId: `<${notificationIdFor(registered.id, 'nina.private@mail.example')}@broker.example>` },
    });
    expect(mail!.mail.text).toContain('Login name: nina@contoso.example');
    expect(mail!.mail.text).toContain('https://portal.example/login');
    expect(mail!.mail.text).toContain('for Contoso');
  });

  it('mails a transaction that needs approval to the reseller, and none that does not', async () => {
    await reseller();
    await organization();
    await user('u-1', 'quinn@contoso.example');
    await apply(envelope(ApprovalsEvents.transactionRequested, { ...facts, needsApproval: false, appliedPolicy: 'none' }));
    expect(await queued()).toEqual([]);
    await apply(envelope(ApprovalsEvents.transactionRequested, { ...facts, needsApproval: true }));
    const mails = await queued();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'approval_requested', mail: { to: { name: 'Northwind', address: 'approvals@northwind.example' }, subject: 'Approval needed: order of 5 × Backup Pro for Contoso' } });
    expect(mails[0]!.mail.text).toContain('https://portal.example/approvals/t-1');
  });

  it('retries (throws) while the requester is not known yet, so the consumer redelivers', async () => {
    await reseller();
    await organization();
    await expect(apply(envelope(ApprovalsEvents.transactionRequested, { ...facts, needsApproval: true }))).rejects.toBeInstanceOf(DirectoryEntryMissingError);
    expect(await queued()).toEqual([]);
  });

  it('mails a decision to the requester and the organization, once per address, and nothing for approvals by policy', async () => {
    await reseller();
    await organization();
    await user('u-1', 'quinn@contoso.example');
    await user('u-2', 'it@contoso.example');
    await user('admin', 'rita@northwind.example', 'reseller_admin');
    await apply(envelope(ApprovalsEvents.transactionApproved, { ...facts, decidedBy: 'policy', comment: null, byPolicy: true, effectiveAt: '2026-03-16T11:00:00Z' }));
    expect(await queued()).toEqual([]);

    await apply(envelope(ApprovalsEvents.transactionApproved, { ...facts, decidedBy: 'admin', comment: 'Go ahead', byPolicy: false, effectiveAt: '2026-03-16T11:30:00Z' }));
    const approved = await queued();
    expect(approved.map((m) => m.mail.to.address).sort()).toEqual(['it@contoso.example', 'quinn@contoso.example']);
    expect(approved[0]!.mail.text).toContain('Comment: Go ahead');
    expect(approved[0]!.mail.text).toContain('Decided by: Quinn admin (admin@contoso.example)');

    // Requested by the user whose contact address is the organization's notification address: one mail.
    await apply(envelope(ApprovalsEvents.transactionRejected, { ...facts, transactionId: 't-2', requestedBy: 'u-2', decidedBy: 'admin', reason: 'Over budget', decidedAt: '2026-03-16T11:40:00Z' }));
    const rejected = (await queued()).filter((m) => m.mail.subject.startsWith('Rejected'));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.mail.text).toContain('Reason: Over budget');
  });

  it('mails a support request to the support address with Reply-To the requester', async () => {
    await reseller();
    await organization();
    await user('u-1', 'quinn.contact@contoso.example');
    await apply(
      envelope(SupportRequestEvents.supportRequestCreated, {
        supportRequestId: 'sr-1',
        resellerId: 'r-1',
        organizationId: 'o-1',
        organizationName: 'Contoso',
        requestedBy: 'u-1',
        subject: 'Backup fails',
        message: 'Since Monday.',
        subscription: { subscriptionId: 's-1', productId: 'p-1', productName: 'Backup Pro', quantity: 5, status: 'active' },
        createdAt: '2026-03-16T11:00:00Z',
      }),
    );
    const [mail] = await queued();
    expect(mail).toMatchObject({
      kind: 'support_request',
      mail: { to: { address: 'support@northwind.example' }, replyTo: { name: 'Quinn u-1', address: 'quinn.contact@contoso.example' }, subject: 'Support request from Contoso: Backup fails' },
    });
    expect(mail!.mail.text).toContain('Contoso (contoso.example)');
    expect(mail!.mail.text).toContain('Backup Pro, quantity 5');
  });

  it('queues one e-mail when the same event is applied twice, even past the inbox', async () => {
    const registered = envelope(IdentityEvents.userRegistered, { userId: 'u-9', username: 'nina@contoso.example', firstName: 'Nina', lastName: 'New', email: 'nina@contoso.example', role: 'org_user', resellerId: 'r-1', organizationId: 'o-1', registeredAt: '2026-03-16T11:00:00Z' });
    await apply(registered);
    await apply(registered);
    expect(await queued()).toHaveLength(1);
  });

  it('learns from old events but mails nothing about them', async () => {
    await apply(envelope(IdentityEvents.userRegistered, { userId: 'u-8', username: 'old@contoso.example', firstName: 'Old', lastName: 'User', email: 'old@contoso.example', role: 'org_user', resellerId: 'r-1', organizationId: 'o-1', registeredAt: '2025-01-01T00:00:00Z' }, '2025-01-01T00:00:00.000Z'));
    expect(await queued()).toEqual([]);
    expect(await store.get('directory_users', 'u-8')).not.toBeNull();
  });

  it('keeps the newest name when a rename arrives before the creation', async () => {
    await apply(envelope(OrganizationsEvents.organizationChanged, { organizationId: 'o-1', resellerId: 'r-1', name: 'Contoso Ltd', notificationEmail: 'it@contoso.example', changedBy: 'x', changedAt: '2026-02-01T00:00:00Z' }));
    await organization('Contoso');
    expect((await store.get<{ name: string; primaryDomain: string }>('directory_organizations', 'o-1'))?.data).toMatchObject({ name: 'Contoso Ltd', primaryDomain: 'contoso.example' });
  });
});

import { ApprovalsEvents, IdentityEvents, OrganizationsEvents, type BudgetThresholdReachedV1, type EventContract, type IntegrationEventEnvelope, type Role } from '@broker/contracts';
import type { IntegrationEventHandlers } from '@broker/messaging';
import { InMemoryDocumentStore } from '@broker/read-models/testing';
import { mergeConsumers } from '@broker/runtime';
import { NotificationConsumers } from '../consumers';
import { DIRECTORY_COLLECTIONS, DirectoryEntryMissingError } from '../directory/directory';
import { NOTIFICATIONS, notificationIdFor, type NotificationDocument } from '../outbox/notification';
import type { NotificationContext } from '../outbox/notification-settings';

const NOW = new Date('2026-03-16T12:00:00Z');

let sequence = 0;
function envelope<D>(contract: EventContract<D>, data: NoInfer<D>, occurredAt = '2026-03-16T11:00:00.000Z'): IntegrationEventEnvelope<D> {
  sequence++;
  return { id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`, type: contract.type, occurredAt, correlationId: 'c', causationId: 'c', resellerId: 'r-1', organizationId: 'o-1', data };
}

const reached: BudgetThresholdReachedV1 = {
  organizationId: 'o-1',
  resellerId: 'r-1',
  costCentre: null,
  period: 'monthly',
  periodKey: '2026-03',
  threshold: 80,
  budget: '1000.00',
  committedSpend: '812.50',
  currency: 'EUR',
  reachedAt: '2026-03-16T11:00:00.000Z',
};

/** The budget notice as the service's consumers run it (directories first), on the in-memory store. */
describe('budget threshold reached notices', () => {
  let store: InMemoryDocumentStore;
  /** Each consumer's handlers: an event goes to every consumer that handles it, each in its own unit of work, as in the service. */
  let handlers: IntegrationEventHandlers[];
  let lines: { level: string; message: string; context: Record<string, unknown> }[];
  let context: NotificationContext;

  const apply = async (event: IntegrationEventEnvelope<unknown>) => {
    const handling = handlers.map((map) => map[event.type]).filter((handler) => handler !== undefined);
    if (handling.length === 0) throw new Error(`no handler for ${event.type}`);
    for (const handler of handling) await store.unitOfWork((uow) => handler(event as IntegrationEventEnvelope<never>, uow));
  };
  const queued = async () => (await store.find<NotificationDocument>(NOTIFICATIONS.name, { limit: 500 })).items.map((d) => d.data);
  const organization = (organizationId = 'o-1', name = 'Contoso', resellerId = 'r-1') =>
    apply(envelope(OrganizationsEvents.organizationCreated, { organizationId, resellerId, name, primaryDomain: `${organizationId}.example`, notificationEmail: `it@${organizationId}.example`, billingStartDate: '2026-01-02', createdBy: 'x', createdAt: '2026-01-02T00:00:00Z' }));
  const user = (userId: string, role: Role, organizationId = 'o-1') =>
    apply(envelope(IdentityEvents.userRegistered, { userId, username: `${userId}@${organizationId}.example`, firstName: 'Quinn', lastName: userId, email: `${userId}@mail.example`, role, resellerId: 'r-1', organizationId, registeredAt: '2026-01-03T00:00:00Z' }, '2026-01-03T00:00:00Z'));
  const deleted = (userId: string) => apply(envelope(IdentityEvents.userDeleted, { userId, username: `${userId}@o-1.example`, resellerId: 'r-1', organizationId: 'o-1', deletedAt: '2026-02-01T00:00:00Z' }, '2026-02-01T00:00:00Z'));

  beforeEach(async () => {
    lines = [];
    const at = (level: string) => (ctx: Record<string, unknown>, message: string) => void lines.push({ level, message, context: ctx });
    context = {
      settings: { from: { name: 'Broker', address: 'no-reply@broker.example' }, messageIdDomain: 'broker.example', publicUrl: 'https://portal.example/', maxEventAgeMs: 72 * 3_600_000 },
      logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
      now: () => NOW,
    };
    store = new InMemoryDocumentStore();
    for (const collection of [...DIRECTORY_COLLECTIONS, NOTIFICATIONS]) await store.ensureCollection(collection);
    handlers = mergeConsumers(new NotificationConsumers(context).consumers()).map((c) => c.handlers);
  });

  it("mails each active billing admin of the organization once, and no one else (admins, another organization's billing admins)", async () => {
    await organization();
    await organization('o-2', 'Fabrikam');
    await user('bill-1', 'org_billing_admin');
    await user('bill-2', 'org_billing_admin');
    await user('bill-gone', 'org_billing_admin');
    await deleted('bill-gone');
    await user('admin-1', 'org_admin');
    await user('viewer-1', 'org_viewer');
    await user('bill-other', 'org_billing_admin', 'o-2');
    const event = envelope(ApprovalsEvents.budgetThresholdReached, reached);
    await apply(event);
    await apply(event);
    const mails = await queued();
    expect(mails.map((m) => m.mail.to.address).sort()).toEqual(['bill-1@mail.example', 'bill-2@mail.example']);
    expect(mails[0]).toMatchObject({
      notificationId: notificationIdFor(event.id, mails[0]!.mail.to.address),
      kind: 'budget_threshold_reached',
      status: 'queued',
      eventId: event.id,
      organizationId: 'o-1',
      mail: { subject: 'Budget 80 % reached: Contoso 2026-03' },
    });
    expect(mails[0]!.mail.text).toContain('https://portal.example/organizations/o-1/budgets');
    expect(mails[0]!.mail.text).toContain('Committed spend: 812.50 EUR');
  });

  it('falls back to the admins when the organization has no billing admin, and says so in the log', async () => {
    await organization();
    await user('admin-1', 'org_admin');
    await user('bill-other', 'org_billing_admin', 'o-2');
    await apply(envelope(ApprovalsEvents.budgetThresholdReached, { ...reached, costCentre: 'Marketing', threshold: 100 }));
    const mails = await queued();
    expect(mails.map((m) => [m.mail.to.address, m.mail.subject])).toEqual([['admin-1@mail.example', 'Budget 100 % reached: Marketing 2026-03']]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', message: expect.stringContaining('no billing admin; mailing its admins'), context: expect.objectContaining({ organizationId: 'o-1', costCentre: 'Marketing' }) }));
  });

  it('queues nothing and warns when the organization has neither billing admins nor admins', async () => {
    await organization();
    await user('viewer-1', 'org_viewer');
    await apply(envelope(ApprovalsEvents.budgetThresholdReached, reached));
    expect(await queued()).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('no billing admin or admin') }));
  });

  it('retries (throws) while the organization is not known yet, so the consumer redelivers', async () => {
    await user('bill-1', 'org_billing_admin');
    await expect(apply(envelope(ApprovalsEvents.budgetThresholdReached, reached))).rejects.toBeInstanceOf(DirectoryEntryMissingError);
    expect(await queued()).toEqual([]);
  });

  it("mails no one when the organization is another reseller's", async () => {
    await organization('o-1', 'Contoso', 'r-2');
    await user('bill-1', 'org_billing_admin');
    await apply(envelope(ApprovalsEvents.budgetThresholdReached, reached));
    expect(await queued()).toEqual([]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', message: expect.stringContaining('another reseller') }));
  });

  it('mails nothing about an old event', async () => {
    await organization();
    await user('bill-1', 'org_billing_admin');
    await apply(envelope(ApprovalsEvents.budgetThresholdReached, reached, '2026-01-01T00:00:00.000Z'));
    expect(await queued()).toEqual([]);
  });
});

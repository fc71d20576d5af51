import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, eventually } from './support/http-client';
import { createOrganizationUser, PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';
import { SmtpReceiver, type ReceivedMail } from './support/smtp-receiver';

jest.setTimeout(300_000);

const MINUTE = 60_000;

/**
 * Pending approval steps chased by their organization's escalation settings, with two replicas of approvals and
 * the approvals' clock moved forward through a file instead of by waiting: the reminder, the escalation and the
 * automatic rejection each happen once when their time passes, still once after the leading replica is killed and
 * started again.
 */
describe('approval reminders, escalation and automatic rejection (end to end)', () => {
  const smtp = new SmtpReceiver();
  const clockDir = mkdtempSync(join(tmpdir(), 'approvals-clock-'));
  const clockFile = join(clockDir, 'offset-ms');
  let platform: PlatformProcess;
  let organizationId: string;
  let productId: string;
  let requester: { id: string; client: ApiClient; email: string };
  let approver: { id: string; email: string };
  let otherAdmin: { id: string; email: string };

  const moveClock = (minutes: number): void => writeFileSync(clockFile, String(minutes * MINUTE));
  const mails = (address: string, transactionId: string, subject: RegExp): ReceivedMail[] =>
    smtp.messages.filter((m) => m.envelopeTo.includes(address) && subject.test(m.subject) && m.text.includes(transactionId));
  const waitForMail = (address: string, transactionId: string, subject: RegExp, what: string) =>
    smtp.waitFor((m) => m.envelopeTo.includes(address) && subject.test(m.subject) && m.text.includes(transactionId), { timeoutMs: 20_000, what });
  /** Several looks of the timers (every 200 ms) after the one that acted: time for a second e-mail, were one coming. */
  const severalLooks = () => new Promise((resolve) => setTimeout(resolve, 2_000));

  beforeAll(async () => {
    moveClock(0);
    await smtp.start();
    platform = new PlatformProcess({
      smtp: { url: smtp.url },
      replicas: { approvals: 2 },
      env: { NOTIFY_POLL_MS: '100', APPROVAL_TIMERS_INTERVAL_MS: '200', APPROVALS_CLOCK_OFFSET_FILE: clockFile },
    });
    await platform.start();
    const anonymous = new ApiClient(platform.baseUrl);
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    const reseller = await anonymous.login((await registerReseller(platformAdmin, 'reminders')).username, PASSWORD);
    const t = tag();
    const product = await reseller.post('/catalog/products', {
      name: `Chased seats ${t}`,
      vendor: 'Contoso Software',
      sku: `SKU-${t}`,
      description: 'A product for the reminder tests',
      billingFrequency: 'monthly',
      price: '10.50',
      cost: '1.00',
    });
    productId = product.body.id;
    const domain = `reminders${t}.example`;
    organizationId = (await reseller.post('/organizations', { name: 'Chased Org', primaryDomain: domain, notificationEmail: `it@${domain}` })).body.id;
    expect((await reseller.request('PUT', `/organizations/${organizationId}/store`, { products: [{ productId }] })).status).toBe(200);
    const member = async (role: string) => {
      const created = await createOrganizationUser(reseller, anonymous, organizationId, domain, role);
      const email = (await reseller.get(`/organizations/${organizationId}/users/${created.id}`)).body.email as string;
      return { id: created.id, client: created.client, email };
    };
    requester = await member('org_admin');
    approver = await member('org_billing_admin');
    otherAdmin = await member('org_admin');
    const chains = await requester.client.request('PUT', `/organizations/${organizationId}/approval-chains`, {
      rules: [{ condition: { type: 'always' }, steps: [{ approverIds: [approver.id] }] }],
      escalation: { reminderAfterMinutes: 60, escalateAfterMinutes: 120, autoRejectAfterMinutes: 240 },
    });
    expect([chains.status, chains.body.escalation]).toEqual([200, { reminderAfterMinutes: 60, escalateAfterMinutes: 120, autoRejectAfterMinutes: 240 }]);
  });

  afterAll(async () => {
    await platform?.stop();
    await smtp.stop();
    rmSync(clockDir, { recursive: true, force: true });
  });

  it('refuses escalation times out of order, naming the field', async () => {
    const refused = await requester.client.request('PUT', `/organizations/${organizationId}/approval-chains`, {
      rules: [{ condition: { type: 'always' }, steps: [{ approverIds: [approver.id] }] }],
      escalation: { reminderAfterMinutes: 60, escalateAfterMinutes: 30 },
    });
    expect([refused.status, (refused.body.errors as { field: string }[]).map((e) => e.field)]).toEqual([400, ['escalateAfterMinutes']]);
  });

  it('reminds the approver once when the reminder is due, still once after the leading replica is killed and restarted', async () => {
    const placed = await requester.client.post(`/organizations/${organizationId}/orders`, { productId, quantity: 1 });
    const id = placed.body.transactionId as string;
    await waitForMail(approver.email, id, /^Approval needed/, 'the step reached');
    moveClock(59);
    await severalLooks();
    expect(mails(approver.email, id, /^Reminder/)).toHaveLength(0);
    moveClock(61);
    await waitForMail(approver.email, id, /^Reminder/, 'the reminder');
    await severalLooks();
    expect(mails(approver.email, id, /^Reminder/)).toHaveLength(1);

    // Both replicas restarted in turn: whichever leads next looks again at the same step, and records nothing new.
    for (const replica of [0, 1]) {
      await platform.kill('approvals', replica);
      platform.startReplica('approvals', replica);
    }
    await platform.waitUntilHealthy(60_000);
    await severalLooks();
    expect(mails(approver.email, id, /^Reminder/)).toHaveLength(1);

    // Escalated to the organization's admins (the requester is one), once.
    moveClock(121);
    await waitForMail(otherAdmin.email, id, /^Overdue/, 'the escalation');
    await waitForMail(requester.email, id, /^Overdue/, 'the escalation to the requester, an admin too');
    await severalLooks();
    expect(mails(otherAdmin.email, id, /^Overdue/)).toHaveLength(1);
    expect(mails(approver.email, id, /^Reminder/)).toHaveLength(1);

    // Rejected automatically, with its reason in the history, and the requester told.
    moveClock(241);
    const rejected = await eventually(async () => {
      const list = await requester.client.get(`/organizations/${organizationId}/transactions`);
      const transaction = (list.body.items as { id: string; status: string; reason?: string }[]).find((t) => t.id === id);
      return transaction?.status === 'rejected' ? transaction : undefined;
    }, 20_000, 'the automatic rejection');
    expect(rejected.reason).toMatch(/rejected automatically/);
    const history = (await requester.client.get(`/organizations/${organizationId}/transactions/${id}/history`)).body.items as { type: string; actorId: string }[];
    expect(history.map((i) => [i.type, i.actorId])).toEqual([
      ['requested', requester.id],
      ['step_reached', 'system'],
      ['step_reminded', 'system'],
      ['step_escalated', 'system'],
      ['step_rejected', 'system'],
      ['rejected', 'system'],
    ]);
    await waitForMail(requester.email, id, /rejected/i, 'the requester told of the rejection');
    await severalLooks();
    expect(mails(otherAdmin.email, id, /^Overdue/)).toHaveLength(1);
  });
});

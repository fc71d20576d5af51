import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { SupportRequestEvents, type SupportRequestCreatedV1 } from '@broker/contracts';
import { readStream } from '@broker/messaging/testing';
import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { PASSWORD, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';
import { SmtpReceiver, type ReceivedMail } from './support/smtp-receiver';

jest.setTimeout(300_000);

/**
 * Notifications end to end: every service its own process, e-mail through a real SMTP server (smtp-server, with
 * authentication) started by the test. Approval requests, decisions, support requests and welcome mails with their
 * content; HTML in values escaped; an event delivered twice mailed once; the SMTP server down for 30 seconds while 50
 * e-mails are due and the notifications service killed and restarted meanwhile, then each of the 50 arrives once;
 * an e-mail the server keeps refusing parked, logged and counted on /health.
 */
const PUBLIC_URL = 'https://portal.broker.test';
const EVIL_NAME = `<script>alert("owned")</script> & Sons`;

interface LogLine {
  msg?: string;
  kind?: string;
  [field: string]: unknown;
}

describe('notifications (end to end)', () => {
  const smtpAuth = { user: 'broker-mailer', pass: `smtp-${tag()}` };
  const t = tag();
  const bounceAddress = `bounce-${t}@mail.example`;
  const receiver = new SmtpReceiver({ auth: smtpAuth, rejectRecipient: (address) => address === bounceAddress });
  let platform: PlatformProcess;
  let anonymous: ApiClient;
  let nats: NatsConnection;

  const reseller = {
    id: '',
    admin: undefined as unknown as ApiClient,
    adminId: '',
    notificationEmail: `approvals-${t}@northwind.example`,
    supportEmail: `support-${t}@northwind.example`,
  };
  const org = {
    id: '',
    name: EVIL_NAME,
    domain: `evil${t}.example`,
    notificationEmail: `it-${t}@evil.example`,
    admin: undefined as unknown as ApiClient,
    adminId: '',
    adminUsername: '',
    adminEmail: `olivia-${t}@mail.example`,
  };
  let product = { id: '', name: `Backup Pro ${t}` };

  const logsOf = (from = 0): LogLine[] =>
    platform
      .logs('notifications')
      .slice(from)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });

  const createUser = async (role: string, email: string, firstName = 'Olivia', lastName = 'Owner') => {
    const username = `${role.replace(/_/g, '')}${tag()}@${org.domain}`;
    const created = await reseller.admin.post(`/organizations/${org.id}/users`, { username, firstName, lastName, email, role, password: PASSWORD });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, username };
  };

  const order = async (quantity: number) => {
    const placed = await org.admin.post(`/organizations/${org.id}/orders`, { productId: product.id, quantity });
    expect([placed.status, placed.body.status]).toEqual([201, 'pending_approval']);
    return placed.body as { transactionId: string; subscriptionId: string; annualValue: string };
  };

  const supportRequest = (client: ApiClient, body: Record<string, unknown>): Promise<ApiResponse> => client.post('/support-requests', body);

  const onlyOne = (mails: ReceivedMail[], what: string): ReceivedMail => {
    if (mails.length !== 1) throw new Error(`Expected exactly one e-mail: ${what}; got ${mails.length}`);
    return mails[0]!;
  };

  beforeAll(async () => {
    await receiver.start();
    platform = new PlatformProcess({
      smtp: { url: receiver.url, user: smtpAuth.user, password: smtpAuth.pass },
      env: {
        MAIL_FROM: 'Cloud Broker <no-reply@broker.test>',
        PUBLIC_URL,
        NOTIFY_POLL_MS: '100',
        NOTIFY_RETRY_BASE_MS: '250',
        NOTIFY_RETRY_MAX_MS: '2000',
        // Well over 30 s of attempts before an e-mail is parked: longer than the outage below.
        NOTIFY_MAX_ATTEMPTS: '30',
      },
    });
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    nats = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);

    const adminUsername = `rita@northwind${t}.example`;
    const created = await platformAdmin.post('/resellers', {
      name: `Northwind ${t}`,
      currency: 'EUR',
      notificationEmail: reseller.notificationEmail,
      supportEmail: reseller.supportEmail,
      admin: { firstName: 'Rita', lastName: 'Reseller', username: adminUsername, email: adminUsername, password: PASSWORD },
    });
    expect(created.status).toBe(201);
    reseller.id = created.body.id;
    const login = await anonymous.post('/auth/login', { username: adminUsername, password: PASSWORD });
    reseller.admin = anonymous.as(login.body.accessToken);
    reseller.adminId = login.body.user.id;

    const productCreated = await reseller.admin.post('/catalog/products', {
      name: product.name,
      vendor: 'Contoso Software',
      sku: `SKU-${t}`,
      description: 'Backup for the notification tests',
      billingFrequency: 'monthly',
      price: '21.00',
      cost: '10.00',
    });
    expect(productCreated.status).toBe(201);
    product = { id: productCreated.body.id, name: product.name };

    const orgCreated = await reseller.admin.post('/organizations', { name: org.name, primaryDomain: org.domain, notificationEmail: org.notificationEmail });
    expect(orgCreated.status).toBe(201);
    org.id = orgCreated.body.id;
    expect((await reseller.admin.request('PUT', `/organizations/${org.id}/store`, { products: [{ productId: product.id }] })).status).toBe(200);
    const settings = await reseller.admin.get(`/organizations/${org.id}/settings`);
    expect((await reseller.admin.request('PUT', `/organizations/${org.id}/settings`, { ...settings.body, approvalRequired: true })).status).toBe(200);

    const admin = await createUser('org_admin', org.adminEmail);
    org.adminId = admin.id;
    org.adminUsername = admin.username;
    org.admin = await anonymous.login(admin.username, PASSWORD);

    // Its welcome e-mail is refused by the server every time: it must end up parked (last test).
    await createUser('org_user', bounceAddress, 'Bounce', 'Back');
  });

  afterAll(async () => {
    await nats?.close();
    await platform?.stop();
    await receiver.stop();
  });

  it('sends a new user a welcome e-mail with the login name and the portal link, and never the password', async () => {
    const email = `nina-${tag()}@mail.example`;
    const user = await createUser('org_user', email, 'Nina', 'New');
    const mail = onlyOne(await receiver.waitFor((m) => m.envelopeTo.includes(email)), 'welcome');
    expect(mail.to).toContain(email);
    expect(mail.from).toContain('no-reply@broker.test');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@broker\.test>$/);
    expect(mail.text).toContain(`Login name: ${user.username}`);
    expect(mail.text).toContain(`${PUBLIC_URL}/login`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/login"`);
    for (const part of [mail.raw, mail.text, mail.html]) expect(part).not.toContain(PASSWORD);
  });

  it("e-mails an order that needs approval to the reseller's notification address with everything an approver needs", async () => {
    const placed = await order(5);
    const mail = onlyOne(
      await receiver.waitFor((m) => m.envelopeTo.includes(reseller.notificationEmail) && m.text.includes(placed.transactionId)),
      'approval request',
    );
    expect(mail.subject).toBe(`Approval needed: order of 5 × ${product.name} for ${EVIL_NAME}`);
    expect(mail.text).toContain(`Organization: ${EVIL_NAME}`);
    expect(mail.text).toContain(`Requested by: Olivia Owner (${org.adminUsername})`);
    expect(mail.text).toContain(`Product: ${product.name}`);
    expect(mail.text).toContain('Quantity: 5');
    expect(mail.text).toContain('Annual value: 1260.00 EUR');
    expect(mail.text).toContain(`${PUBLIC_URL}/approvals/${placed.transactionId}`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/approvals/${placed.transactionId}"`);
    expect(mail.html).toContain('1260.00 EUR');
  });

  it('arrives with HTML in values escaped (an organization named <script>), and the plain text as written', async () => {
    const mail = receiver.to(reseller.notificationEmail)[0]!;
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; Sons');
    expect(mail.text).toContain(EVIL_NAME);
  });

  let approvedSubscriptionId = '';

  it("e-mails an approval to the requester and to the organization's notification address, with the comment", async () => {
    const placed = await order(2);
    await receiver.waitFor((m) => m.envelopeTo.includes(reseller.notificationEmail) && m.text.includes(placed.transactionId));
    const approved = await reseller.admin.post(`/approvals/${placed.transactionId}/approve`, { comment: 'Enjoy <b>it</b>' });
    expect(approved.status).toBe(200);
    approvedSubscriptionId = placed.subscriptionId;

    const isDecision = (m: ReceivedMail) => m.subject.startsWith('Approved:') && m.text.includes(placed.transactionId);
    const mails = await receiver.waitFor(isDecision, { count: 2 });
    expect(mails.map((m) => m.envelopeTo).sort()).toEqual([[org.adminEmail], [org.notificationEmail]].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe(`Approved: order of 2 × ${product.name} for ${EVIL_NAME}`);
      expect(mail.text).toContain('Decision: Approved');
      expect(mail.text).toContain('Comment: Enjoy <b>it</b>');
      expect(mail.text).toContain('Decided by: Rita Reseller');
      expect(mail.html).toContain('Enjoy &lt;b&gt;it&lt;/b&gt;');
      expect(mail.html).not.toContain('<b>it</b>');
    }
  });

  it('e-mails a rejection with its reason to the requester and the organization', async () => {
    const placed = await order(3);
    await receiver.waitFor((m) => m.envelopeTo.includes(reseller.notificationEmail) && m.text.includes(placed.transactionId));
    const rejected = await reseller.admin.post(`/approvals/${placed.transactionId}/reject`, { reason: 'Over this quarter’s budget' });
    expect(rejected.status).toBe(200);
    const mails = await receiver.waitFor((m) => m.subject.startsWith('Rejected:') && m.text.includes(placed.transactionId), { count: 2 });
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([org.adminEmail, org.notificationEmail].sort());
    for (const mail of mails) {
      expect(mail.text).toContain('Decision: Rejected');
      expect(mail.text).toContain('Reason: Over this quarter’s budget');
    }
  });

  let firstSupportRequestId = '';

  it("sends a support request to the reseller's support address, Reply-To the requester, with the organization and the subscription", async () => {
    // The subscription exists once the catalog applied the approval (its list is a read model).
    await eventually(
      async () => {
        const list = await org.admin.get(`/organizations/${org.id}/subscriptions`);
        return (list.body.items as { id: string; status: string }[]).find((s) => s.id === approvedSubscriptionId && s.status === 'active');
      },
      20_000,
      'the approved subscription',
    );
    const created = await supportRequest(org.admin, { subject: 'Backup fails <again>', message: 'Every night since Monday.\nError 0x80070005.', subscriptionId: approvedSubscriptionId });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String) });
    firstSupportRequestId = created.body.id;

    const mail = onlyOne(await receiver.waitFor((m) => m.envelopeTo.includes(reseller.supportEmail) && m.text.includes(created.body.id)), 'support request');
    expect(mail.replyToAddresses).toEqual([org.adminEmail]);
    expect(mail.subject).toBe(`Support request from ${EVIL_NAME}: Backup fails <again>`);
    expect(mail.text).toContain(`Organization: ${EVIL_NAME} (${org.domain})`);
    expect(mail.text).toContain(`Requested by: Olivia Owner (${org.adminUsername}), ${org.adminEmail}`);
    expect(mail.text).toContain(`Subscription: ${product.name}, quantity 2`);
    expect(mail.text).toContain(approvedSubscriptionId);
    expect(mail.text).toContain('> Every night since Monday.\n> Error 0x80070005.');
    expect(mail.html).toContain('Backup fails &lt;again&gt;');
  });

  it('takes support requests from any organization role only, and checks the input and the subscription', async () => {
    for (const role of ['org_billing_admin', 'org_viewer', 'org_user']) {
      const email = `${role.replace(/_/g, '')}-${tag()}@mail.example`;
      const user = await createUser(role, email, 'Vera', 'Member');
      const client = await anonymous.login(user.username, PASSWORD);
      const created = await supportRequest(client, { subject: `Question from ${role}`, message: 'About our invoices' });
      expect([role, created.status]).toEqual([role, 201]);
      const [mail] = await receiver.waitFor((m) => m.text.includes(created.body.id), { what: `the support request of the ${role}` });
      expect(mail!.replyToAddresses).toEqual([email]);
      expect(mail!.text).toContain('Subscription: None given');
    }

    const forbidden = await supportRequest(reseller.admin, { subject: 'Question', message: 'From the reseller' });
    expect([forbidden.status, forbidden.headers.get('content-type')?.split(';')[0]]).toEqual([403, 'application/problem+json']);
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    expect((await supportRequest(platformAdmin, { subject: 'Question', message: 'From the operator' })).status).toBe(403);
    expect((await supportRequest(org.admin, { subject: '  ', message: 'x' })).status).toBe(400);
    expect((await supportRequest(org.admin, { subject: 'x', message: 'x', priority: 'high' })).status).toBe(400);
    const unknownSubscription = await supportRequest(org.admin, { subject: 'x', message: 'x', subscriptionId: randomUUID() });
    expect(unknownSubscription.status).toBe(400);
    expect(unknownSubscription.body.errors.map((e: { field: string }) => e.field)).toEqual(['subscriptionId']);
    expect((await anonymous.post('/support-requests', { subject: 'x', message: 'x' })).status).toBe(401);
  });

  it('sends one e-mail when the same integration event is delivered twice', async () => {
    const jsm = await nats.jetstreamManager();
    const [original] = (await readStream(jsm, platform.names.eventStream)).filter(
      (m) => m.subject === platform.names.eventSubject(SupportRequestEvents.supportRequestCreated.type) && (m.json.data as SupportRequestCreatedV1).supportRequestId === firstSupportRequestId,
    );
    expect(original).toBeDefined();
    // Published again under another message id, so JetStream's own de-duplication does not drop it: only the
    // notifications service can tell it is the same event.
    await nats.jetstream().publish(original!.subject, JSON.stringify(original!.json), { msgID: randomUUID() });

    // A later request on the same consumer: once its e-mail is here, the copy before it has been handled.
    const fence = await supportRequest(org.admin, { subject: 'Fence', message: 'after the copy' });
    expect(fence.status).toBe(201);
    await receiver.waitFor((m) => m.text.includes(fence.body.id));
    expect(receiver.messages.filter((m) => m.text.includes(firstSupportRequestId))).toHaveLength(1);
  });

  it('delivers each of 50 e-mails due during a 30-second SMTP outage exactly once, also across a kill and restart of the notifications service', async () => {
    const batch = tag();
    const logMark = platform.logs('notifications').length;
    await receiver.stop();
    const downAt = Date.now();

    for (let i = 0; i < 50; i += 10) {
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, j) => supportRequest(org.admin, { subject: `Outage ${batch} #${i + j}`, message: `Request ${i + j} during the outage` })),
      );
      expect(created.map((r) => r.status)).toEqual(Array(10).fill(201));
    }
    await eventually(
      async () => (logsOf(logMark).filter((l) => l.msg === 'e-mail queued' && l.kind === 'support_request').length >= 50 ? true : undefined),
      30_000,
      'the 50 e-mails queued',
    );
    await eventually(async () => (logsOf(logMark).some((l) => l.msg === 'e-mail not accepted; will retry') ? true : undefined), 15_000, 'a failed attempt');

    // Mid-way through the outage: the service dies without any chance to finish, and comes back.
    await platform.kill('notifications');
    const restartMark = platform.logs('notifications').length;
    platform.startService('notifications');
    await platform.waitUntilHealthy(60_000);
    await eventually(async () => (logsOf(restartMark).some((l) => l.msg === 'e-mail not accepted; will retry') ? true : undefined), 15_000, 'a failed attempt after the restart');

    const outage = 30_000 - (Date.now() - downAt);
    if (outage > 0) await new Promise((resolve) => setTimeout(resolve, outage));
    expect(receiver.messages.filter((m) => m.subject.includes(`Outage ${batch}`))).toHaveLength(0);
    await receiver.start();

    await receiver.waitFor((m) => m.subject.includes(`Outage ${batch}`), { count: 50, timeoutMs: 60_000, what: 'the 50 e-mails after the outage' });
    const fence = await supportRequest(org.admin, { subject: `Fence ${batch}`, message: 'after the outage' });
    await receiver.waitFor((m) => m.text.includes(fence.body.id));
    // A moment more for anything that would come twice.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const arrived = receiver.messages.filter((m) => m.subject.includes(`Outage ${batch}`));
    expect(arrived).toHaveLength(50);
    const subjects = arrived.map((m) => m.subject.replace(/^.*#/, '')).sort((a, b) => Number(a) - Number(b));
    expect(subjects).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    expect(new Set(arrived.map((m) => m.messageId)).size).toBe(50);
    expect(arrived.every((m) => m.envelopeTo.length === 1 && m.envelopeTo[0] === reseller.supportEmail)).toBe(true);
  });

  it('parks an e-mail the server keeps refusing after its last attempt, logs it, and counts it on /health', async () => {
    const health = await eventually(
      async () => {
        const answer = await anonymous.get('/health');
        return answer.body?.services?.notifications?.parkedNotifications === 1 ? answer : undefined;
      },
      120_000,
      'the refused welcome e-mail parked',
    );
    expect(health.body.services.notifications).toMatchObject({ status: 'up', parkedNotifications: 1 });
    const parked = logsOf().filter((l) => l.msg === 'e-mail parked after its last attempt');
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ kind: 'welcome', attempts: 30, responseCode: 550 });
    expect(receiver.refused.filter((a) => a === bounceAddress).length).toBeGreaterThanOrEqual(1);
    expect(receiver.to(bounceAddress)).toHaveLength(0);
  });
});

import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { IdentityEvents } from '@broker/contracts';
import { ApiClient, eventually } from './support/http-client';
import { PASSWORD, registerReseller } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';
import { SmtpReceiver } from './support/smtp-receiver';

jest.setTimeout(300_000);

/**
 * Parked work, operated end to end (ADR 22): every service its own process, e-mail through a real SMTP server started
 * by the test. An e-mail the server refused until it was parked is listed, requeued once the server accepts, and
 * arrives exactly once, also when two requeues race; integration events a consumer parked are listed per service with
 * keyset paging; only the platform admin gets any of it; bad input answers 400 or 404.
 */
describe('parked messages and e-mails (end to end)', () => {
  let refusing = true;
  const receiver = new SmtpReceiver({ rejectRecipient: (address) => refusing && address.startsWith('admin@parked') });
  let platform: PlatformProcess;
  let anonymous: ApiClient;
  let admin: ApiClient;
  let resellerAdmin: ApiClient;
  let resellerAdminUsername: string;
  let nats: NatsConnection;

  beforeAll(async () => {
    await receiver.start();
    platform = new PlatformProcess({
      smtp: { url: receiver.url },
      // A tiny retry schedule: an e-mail the server refuses is parked after two attempts, within a second.
      env: { NOTIFY_POLL_MS: '100', NOTIFY_RETRY_BASE_MS: '50', NOTIFY_RETRY_MAX_MS: '100', NOTIFY_MAX_ATTEMPTS: '2' },
    });
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    admin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    // Its admin's welcome e-mail is refused (550) while `refusing` holds.
    const reseller = await registerReseller(admin, 'parked');
    resellerAdminUsername = reseller.username;
    resellerAdmin = await anonymous.login(reseller.username, PASSWORD);
    nats = await connect({ servers: platform.natsUrl });
  });

  afterAll(async () => {
    await nats?.close();
    await platform?.stop();
    await receiver.stop();
  });

  const mailsTo = (address: string) => receiver.messages.filter((m) => m.envelopeTo.includes(address));

  it('an e-mail parked because the server refused it is listed, requeued once the server accepts, and arrives exactly once', async () => {
    const parked = await eventually(
      async () => {
        const page = await admin.get('/admin/parked-emails');
        expect(page.status).toBe(200);
        return (page.body.items as Array<Record<string, any>>).find((item) => item.to === resellerAdminUsername);
      },
      30_000,
      'the refused welcome e-mail to be parked',
    );
    expect(parked).toMatchObject({ kind: 'welcome', attempts: 2, lastError: { responseCode: 550 } });
    expect(mailsTo(resellerAdminUsername)).toHaveLength(0);

    refusing = false;
    // Two operators requeue at once: one puts it back in the queue, the other is told it is not parked any more.
    const [first, second] = await Promise.all([
      admin.post(`/admin/parked-emails/${parked.id}/requeue`),
      admin.post(`/admin/parked-emails/${parked.id}/requeue`),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const accepted = first.status === 200 ? first : second;
    const refused = first.status === 200 ? second : first;
    expect(accepted.body).toEqual({ id: parked.id, status: 'queued', requeues: 1 });
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.code).toBe('PARKED_EMAIL.CONFLICT');

    await eventually(async () => (mailsTo(resellerAdminUsername).length > 0 ? true : undefined), 15_000, 'the requeued e-mail to arrive');
    // Many sender passes later it has still arrived once, with the Message-ID it was queued with.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const arrived = mailsTo(resellerAdminUsername);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.messageId).toBe(parked.messageId);
    expect(arrived[0]!.headers['x-broker-notification-id']).toBe(parked.id);

    const after = await admin.get('/admin/parked-emails');
    expect((after.body.items as Array<{ id: string }>).map((item) => item.id)).not.toContain(parked.id);
    const again = await admin.post(`/admin/parked-emails/${parked.id}/requeue`);
    expect(again.status).toBe(409);
  });

  it('lists the events a service parked, page by page, and refuses to requeue a payload that is not an event', async () => {
    // Two payloads that are not event envelopes, on a subject the notifications service consumes: parked at once.
    const subject = platform.names.eventSubject(IdentityEvents.userRegistered.type);
    const js = nats.jetstream();
    await js.publish(subject, new TextEncoder().encode('not an event'), { msgID: randomUUID() });
    await js.publish(subject, new TextEncoder().encode('{"neither": true}'), { msgID: randomUUID() });

    const first = await eventually(
      async () => {
        const page = await admin.get('/admin/parked-messages?service=notifications&limit=1');
        expect(page.status).toBe(200);
        return page.body.items.length === 1 && page.body.nextCursor ? page.body : undefined;
      },
      30_000,
      'the payloads to be parked by the notifications service',
    );
    const second = await admin.get(`/admin/parked-messages?service=notifications&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    const items = [first.items[0], second.body.items[0]];
    expect(new Set(items.map((item) => item.id)).size).toBe(2);
    for (const item of items) expect(item).toMatchObject({ service: 'notifications', messageId: null, eventType: null, subject, failedRequeues: 0 });

    const requeue = await admin.post(`/admin/parked-messages/notifications/${encodeURIComponent(items[0].id)}/requeue`);
    expect(requeue.status).toBe(409);
    expect(requeue.body.code).toBe('PARKED_MESSAGE.CONFLICT');

    // A service with nothing parked answers an empty page.
    const none = await admin.get('/admin/parked-messages?service=catalog');
    expect([none.status, none.body]).toEqual([200, { items: [], nextCursor: null }]);
  });

  it('answers only the platform admin', async () => {
    const parkedId = randomUUID();
    for (const [method, path] of [
      ['GET', '/admin/parked-emails'],
      ['POST', `/admin/parked-emails/${parkedId}/requeue`],
      ['GET', '/admin/parked-messages?service=notifications'],
      ['POST', `/admin/parked-messages/notifications/x:${parkedId}/requeue`],
    ] as const) {
      const asReseller = await resellerAdmin.request(method, path, method === 'POST' ? {} : undefined);
      expect([method, path, asReseller.status]).toEqual([method, path, 403]);
      const asNobody = await anonymous.request(method, path, method === 'POST' ? {} : undefined);
      expect([method, path, asNobody.status]).toEqual([method, path, 401]);
    }
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const response = await fetch(`http://127.0.0.1:${platform.port}/api/docs-json`);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/admin/parked-messages',
        '/api/v1/admin/parked-messages/{service}/{id}/requeue',
        '/api/v1/admin/parked-emails',
        '/api/v1/admin/parked-emails/{id}/requeue',
      ]),
    );
  });

  it('refuses bad input with a problem and answers 404 for what does not exist', async () => {
    for (const path of ['/admin/parked-messages', '/admin/parked-messages?service=nowhere', '/admin/parked-messages?service=catalog&limit=0', '/admin/parked-emails?unknown=1']) {
      const answer = await admin.get(path);
      expect([path, answer.status]).toEqual([path, 400]);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    for (const path of [
      '/admin/parked-emails/not-a-uuid/requeue',
      `/admin/parked-emails/${randomUUID()}/requeue`,
      `/admin/parked-messages/nowhere/x/requeue`,
      `/admin/parked-messages/catalog/${encodeURIComponent(`nobody:${randomUUID()}`)}/requeue`,
      `/admin/parked-messages/notifications/${encodeURIComponent(`nobody:${randomUUID()}`)}/requeue`,
    ]) {
      const answer = await admin.post(path);
      expect([path, answer.status]).toEqual([path, 404]);
    }
  });
});

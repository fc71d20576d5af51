import { ApiClient, eventually, type ApiResponse } from './support/http-client';
import { createOrganizationUser, PASSWORD, registerReseller, tag } from './support/fixtures';
import { PlatformProcess } from './support/platform-process';
import { SmtpReceiver, type ReceivedMail } from './support/smtp-receiver';

jest.setTimeout(300_000);

interface Member {
  id: string;
  email: string;
  client: ApiClient;
}

/**
 * An organization's own approval chains through the HTTP API, every service its own process and a real SMTP
 * receiver: the chain editor's rules and who may set them, a request going through two steps of the organization
 * (the second "any one of" a group) and then the reseller's, each step's approvers e-mailed in turn, nobody deciding
 * their own request, a rejection ending it at any step, exactly one of 50 concurrent decisions on a step winning, and
 * the rule that picks a chain by annual value at its exact boundary.
 */
describe('approval chains (end to end)', () => {
  const smtp = new SmtpReceiver();
  let platform: PlatformProcess;
  let anonymous: ApiClient;
  let reseller: ApiClient;
  let resellerAddress: string;
  let otherReseller: ApiClient;
  let organizationId: string;
  let domain: string;
  let productId: string;
  /** Orders; also an approver in the self-approval case. */
  let requester: Member;
  let firstApprover: Member;
  let groupA: Member;
  let groupB: Member;
  let viewer: Member;

  const member = async (role: string): Promise<Member> => {
    const created = await createOrganizationUser(reseller, anonymous, organizationId, domain, role);
    const user = await reseller.get(`/organizations/${organizationId}/users/${created.id}`);
    return { id: created.id, email: user.body.email as string, client: created.client };
  };

  const setChains = (client: ApiClient, rules: unknown[]): Promise<ApiResponse> => client.request('PUT', `/organizations/${organizationId}/approval-chains`, { rules });
  const order = (quantity: number): Promise<ApiResponse> => requester.client.post(`/organizations/${organizationId}/orders`, { productId, quantity });
  const approve = (client: ApiClient, transactionId: string, comment?: string): Promise<ApiResponse> => client.post(`/approvals/${transactionId}/approve`, comment ? { comment } : {});
  const reject = (client: ApiClient, transactionId: string, reason: string): Promise<ApiResponse> => client.post(`/approvals/${transactionId}/reject`, { reason });
  const pendingFor = async (client: ApiClient): Promise<string[]> => {
    const list = await client.get('/approvals?status=pending');
    expect(list.status).toBe(200);
    return (list.body.items as { transactionId: string }[]).map((item) => item.transactionId);
  };
  const history = async (transactionId: string) => {
    const answer = await requester.client.get(`/organizations/${organizationId}/transactions/${transactionId}/history`);
    expect(answer.status).toBe(200);
    return answer.body.items as { type: string; actorId: string; step?: { index: number; kind: string; approverIds?: string[] }; reason?: string }[];
  };
  /** The "approval needed" e-mails of one transaction to one address. */
  const approvalMails = (address: string, transactionId: string): ReceivedMail[] =>
    smtp.messages.filter((m) => m.envelopeTo.includes(address) && m.subject.startsWith('Approval needed') && m.text.includes(transactionId));
  const waitForApprovalMail = async (address: string, transactionId: string, what: string): Promise<ReceivedMail> =>
    (await smtp.waitFor((m) => m.envelopeTo.includes(address) && m.subject.startsWith('Approval needed') && m.text.includes(transactionId), { timeoutMs: 20_000, what }))[0]!;

  beforeAll(async () => {
    await smtp.start();
    platform = new PlatformProcess({ smtp: { url: smtp.url }, env: { NOTIFY_POLL_MS: '100', NOTIFY_RETRY_BASE_MS: '250' } });
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    const platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    const registered = await registerReseller(platformAdmin, 'chains');
    reseller = await anonymous.login(registered.username, PASSWORD);
    // registerReseller names the reseller's notification address after its admin's domain.
    resellerAddress = registered.username.replace(/^admin@/, 'approvals@');
    otherReseller = await anonymous.login((await registerReseller(platformAdmin, 'others')).username, PASSWORD);
    const t = tag();
    const product = await reseller.post('/catalog/products', {
      name: `Chained seats ${t}`,
      vendor: 'Contoso Software',
      sku: `SKU-${t}`,
      description: 'A product for the approval-chain tests',
      billingFrequency: 'monthly',
      price: '10.50',
      cost: '1.00',
    });
    expect(product.status).toBe(201);
    productId = product.body.id;
    domain = `chains${t}.example`;
    const organization = await reseller.post('/organizations', { name: 'Chained Org', primaryDomain: domain, notificationEmail: `it@${domain}` });
    expect(organization.status).toBe(201);
    organizationId = organization.body.id;
    expect((await reseller.request('PUT', `/organizations/${organizationId}/store`, { products: [{ productId }] })).status).toBe(200);
    // The reseller's own step stays last: its Approval Process is on.
    const settings = await reseller.get(`/organizations/${organizationId}/settings`);
    expect((await reseller.request('PUT', `/organizations/${organizationId}/settings`, { ...settings.body, approvalRequired: true })).status).toBe(200);
    requester = await member('org_admin');
    firstApprover = await member('org_admin');
    groupA = await member('org_billing_admin');
    groupB = await member('org_billing_admin');
    viewer = await member('org_viewer');
  });

  afterAll(async () => {
    await platform?.stop();
    await smtp.stop();
  });

  describe('the chain editor', () => {
    it('lets the organization admins set the chains, and anyone who reads the organization see them; refuses the others', async () => {
      expect((await requester.client.get(`/organizations/${organizationId}/approval-chains`)).body).toEqual({ organizationId, rules: [], escalation: null });
      const rules = [{ condition: { type: 'always' }, steps: [{ approverIds: [firstApprover.id] }, { approverIds: [groupA.id, groupB.id] }] }];
      const set = await setChains(requester.client, rules);
      expect(set.status).toBe(200);
      expect(set.body).toEqual({ organizationId, rules, escalation: null });
      expect(set.headers.get('etag')).toBe('"1"');
      expect((await viewer.client.get(`/organizations/${organizationId}/approval-chains`)).body).toEqual({ organizationId, rules, escalation: null });
      expect((await reseller.get(`/organizations/${organizationId}/approval-chains`)).status).toBe(200);
      // The same configuration again records nothing.
      expect((await setChains(requester.client, rules)).headers.get('etag')).toBe('"1"');
      expect((await setChains(viewer.client, rules)).status).toBe(403);
      expect((await setChains(groupA.client, rules)).status).toBe(403);
      expect((await setChains(reseller, rules)).status).toBe(403);
      expect((await otherReseller.get(`/organizations/${organizationId}/approval-chains`)).status).toBe(404);
      // A change under an old version is refused.
      const stale = await requester.client.request('PUT', `/organizations/${organizationId}/approval-chains`, { rules: [] }, { 'if-match': '"0"' });
      expect(stale.status).toBe(400);
      const staleVersion = await requester.client.request('PUT', `/organizations/${organizationId}/approval-chains`, { rules }, { 'if-match': '"0"' });
      expect(staleVersion.status).toBe(412);
    });

    it('names every broken field: a viewer or a stranger as approver, a user twice in a step, a rule that could never apply', async () => {
      const stranger = '7f1f5e1c-1111-4a4a-8b8b-123456789abc';
      const broken = await setChains(requester.client, [
        { condition: { type: 'always' }, steps: [{ approverIds: [viewer.id, stranger, firstApprover.id, firstApprover.id] }] },
        { condition: { type: 'annual_value_above', amount: '100.00' }, steps: [{ approverIds: [groupA.id] }] },
      ]);
      expect(broken.status).toBe(400);
      const fields = (broken.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['rules[0].steps[0].approverIds[0]', 'rules[0].steps[0].approverIds[1]', 'rules[0].steps[0].approverIds[3]', 'rules[1]']));
      const badShape = await setChains(requester.client, [{ condition: { type: 'sometimes' }, steps: [] }]);
      expect(badShape.status).toBe(400);
      // Nothing changed.
      expect((await requester.client.get(`/organizations/${organizationId}/approval-chains`)).headers.get('etag')).toBe('"1"');
    });
  });

  describe('a request through two steps of the organization and then the reseller', () => {
    let transactionId: string;

    it("waits for the first step's approver, who alone is e-mailed and sees it pending", async () => {
      const placed = await order(2);
      expect([placed.status, placed.body.status]).toEqual([201, 'pending_approval']);
      transactionId = placed.body.transactionId;
      const mail = await waitForApprovalMail(firstApprover.email, transactionId, 'the first step approver e-mailed');
      expect(mail.text).toContain('1 of 3');
      expect(await eventually(async () => ((await pendingFor(firstApprover.client)).includes(transactionId) ? true : undefined), 15_000, 'pending for the first approver')).toBe(true);
      expect(await pendingFor(groupA.client)).not.toContain(transactionId);
      expect(await pendingFor(reseller)).not.toContain(transactionId);
      expect(approvalMails(groupA.email, transactionId)).toHaveLength(0);
      expect(approvalMails(resellerAddress, transactionId)).toHaveLength(0);
    });

    it('refuses the requester, the later step and the reseller before their turn', async () => {
      expect((await approve(requester.client, transactionId)).status).toBe(403);
      expect((await approve(groupA.client, transactionId)).status).toBe(403);
      expect((await approve(reseller, transactionId)).status).toBe(403);
      expect((await approve(viewer.client, transactionId)).status).toBe(403);
    });

    it('goes to the "any one of" group once the first approver approves, and the first of the group decides it', async () => {
      const first = await approve(firstApprover.client, transactionId, 'Fine by IT');
      expect([first.status, first.body.status]).toEqual([200, 'pending_approval']);
      await waitForApprovalMail(groupA.email, transactionId, 'group member A e-mailed');
      await waitForApprovalMail(groupB.email, transactionId, 'group member B e-mailed');
      expect((await approve(firstApprover.client, transactionId)).status).toBe(403);
      const second = await approve(groupB.client, transactionId);
      expect([second.status, second.body.status]).toEqual([200, 'pending_approval']);
      expect((await approve(groupA.client, transactionId)).status).toBe(403);
      const mail = await waitForApprovalMail(resellerAddress, transactionId, "the reseller's notification address e-mailed");
      expect(mail.text).toContain('3 of 3');
      expect(await eventually(async () => ((await pendingFor(reseller)).includes(transactionId) ? true : undefined), 15_000, 'pending for the reseller')).toBe(true);
    });

    it("is approved by the reseller's step, the subscription follows, and the history names every step and decision", async () => {
      const approved = await approve(reseller, transactionId);
      expect([approved.status, approved.body.status]).toEqual([200, 'approved']);
      await eventually(async () => {
        const list = await requester.client.get(`/organizations/${organizationId}/subscriptions?limit=500`);
        return (list.body.items as { productId: string; quantity: number; status: string }[]).some((s) => s.productId === productId && s.quantity === 2 && s.status === 'active') ? true : undefined;
      }, 20_000, 'the subscription');
      const items = await history(transactionId);
      expect(items.map((i) => [i.type, i.step?.index ?? null, i.step?.kind ?? null, i.actorId])).toEqual([
        ['requested', null, null, requester.id],
        ['step_reached', 0, 'organization', 'system'],
        ['step_approved', 0, 'organization', firstApprover.id],
        ['step_reached', 1, 'organization', 'system'],
        ['step_approved', 1, 'organization', groupB.id],
        ['step_reached', 2, 'reseller', 'system'],
        ['step_approved', 2, 'reseller', expect.any(String)],
        ['approved', null, null, expect.any(String)],
      ]);
      expect(items[3]!.step!.approverIds).toEqual([groupA.id, groupB.id]);
      // Each approver was e-mailed once for it.
      for (const address of [firstApprover.email, groupA.email, groupB.email, resellerAddress]) expect(approvalMails(address, transactionId)).toHaveLength(1);
    });
  });

  it('refuses the requester at the step naming them too, and a rejection at the second step ends the transaction with its reason', async () => {
    const rules = [{ condition: { type: 'always' }, steps: [{ approverIds: [requester.id, firstApprover.id] }, { approverIds: [groupA.id] }] }];
    expect((await setChains(requester.client, rules)).status).toBe(200);
    const placed = await order(1);
    const id = placed.body.transactionId as string;
    // Named in the step, yet never for their own request (and not e-mailed about it).
    expect((await approve(requester.client, id)).status).toBe(403);
    expect((await approve(firstApprover.client, id)).status).toBe(200);
    await waitForApprovalMail(groupA.email, id, 'the second step e-mailed');
    expect((await approve(requester.client, id)).status).toBe(403);
    expect((await reject(groupA.client, id, '   ')).status).toBe(400);
    const rejected = await reject(groupA.client, id, 'Not this quarter');
    expect([rejected.status, rejected.body.status, rejected.body.reason]).toEqual([200, 'rejected', 'Not this quarter']);
    expect((await approve(reseller, id)).status).toBe(409);
    const items = await history(id);
    expect(items.slice(-2).map((i) => [i.type, i.reason])).toEqual([
      ['step_rejected', 'Not this quarter'],
      ['rejected', 'Not this quarter'],
    ]);
    expect(approvalMails(resellerAddress, id)).toHaveLength(0);
  });

  it('lets exactly one of 50 concurrent decisions on one step win; the chain moves on once', async () => {
    const rules = [{ condition: { type: 'always' }, steps: [{ approverIds: [firstApprover.id, groupA.id] }, { approverIds: [groupB.id] }] }];
    expect((await setChains(requester.client, rules)).status).toBe(200);
    const id = (await order(1)).body.transactionId as string;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? reject(i % 2 ? groupA.client : firstApprover.client, id, `No ${i}`) : approve(i % 2 ? groupA.client : firstApprover.client, id))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    const items = await history(id);
    expect(items.filter((i) => i.type === 'step_approved' || i.type === 'step_rejected')).toHaveLength(1);
    expect(items.filter((i) => i.type === 'step_reached' && i.step?.index === 1).length).toBeLessThanOrEqual(1);
  });

  it('picks the chain by annual value strictly above the amount: at the boundary straight to the reseller, above it through the chain', async () => {
    // 2 seats at 10.50 a month: 252.00 a year.
    const rules = [{ condition: { type: 'annual_value_above', amount: '252.00' }, steps: [{ approverIds: [firstApprover.id] }] }];
    expect((await setChains(requester.client, rules)).status).toBe(200);
    const atBoundary = (await order(2)).body.transactionId as string;
    const above = (await order(3)).body.transactionId as string;
    expect((await history(atBoundary)).map((i) => i.type)).toEqual(['requested']);
    expect((await history(above)).map((i) => i.type)).toEqual(['requested', 'step_reached']);
    await waitForApprovalMail(resellerAddress, atBoundary, 'the boundary order straight to the reseller');
    await waitForApprovalMail(firstApprover.email, above, 'the order above the boundary to the chain');
    // Cleared: the next request goes straight to the reseller again.
    const cleared = await requester.client.request('DELETE', `/organizations/${organizationId}/approval-chains`);
    expect([cleared.status, cleared.body.rules]).toEqual([200, []]);
    const after = (await order(3)).body.transactionId as string;
    expect((await history(after)).map((i) => i.type)).toEqual(['requested']);
  });

  describe('delegation while an approver is out of office', () => {
    let delegate: Member;
    const outOfOffice = (client: ApiClient, body?: Record<string, unknown>): Promise<ApiResponse> =>
      body ? client.request('PUT', '/me/out-of-office', body) : client.get('/me/out-of-office');

    beforeAll(async () => {
      delegate = await member('org_admin');
    });

    it('lets an approver name a delegate of at least their role in their organization, and refuses the rest', async () => {
      const from = new Date(Date.now() - 60_000).toISOString();
      const to = new Date(Date.now() + 3_600_000).toISOString();
      const fieldsOf = (answer: ApiResponse) => (answer.body.errors as { field: string }[]).map((e) => e.field);
      const lower = await outOfOffice(firstApprover.client, { from, to, delegateId: groupA.id });
      expect([lower.status, fieldsOf(lower)]).toEqual([400, ['delegateId']]);
      expect(fieldsOf(await outOfOffice(firstApprover.client, { from, to, delegateId: viewer.id }))).toEqual(['delegateId']);
      expect(fieldsOf(await outOfOffice(firstApprover.client, { from, to, delegateId: firstApprover.id }))).toEqual(['delegateId']);
      expect(fieldsOf(await outOfOffice(firstApprover.client, { from: to, to: from, delegateId: delegate.id }))).toEqual(['to']);
      expect((await outOfOffice(viewer.client, { from, to, delegateId: delegate.id })).status).toBe(403);
      const set = await outOfOffice(firstApprover.client, { from, to, delegateId: delegate.id });
      expect([set.status, set.body]).toEqual([200, { userId: firstApprover.id, period: { from, to, delegateId: delegate.id } }]);
      expect((await outOfOffice(firstApprover.client)).body.period).toEqual({ from, to, delegateId: delegate.id });
    });

    it('sends the step to the delegate, who decides it for the approver, and the history says so', async () => {
      expect((await setChains(requester.client, [{ condition: { type: 'always' }, steps: [{ approverIds: [firstApprover.id] }] }])).status).toBe(200);
      const id = (await order(1)).body.transactionId as string;
      await waitForApprovalMail(delegate.email, id, 'the delegate e-mailed');
      expect(approvalMails(firstApprover.email, id)).toHaveLength(0);
      expect(await eventually(async () => ((await pendingFor(delegate.client)).includes(id) ? true : undefined), 15_000, 'pending for the delegate')).toBe(true);
      expect((await approve(groupA.client, id)).status).toBe(403);
      const approved = await approve(delegate.client, id, 'For Ann, who is away');
      expect([approved.status, approved.body.status]).toEqual([200, 'pending_approval']);
      const step = (await history(id)).find((i) => i.type === 'step_approved');
      expect(step).toMatchObject({ actorId: delegate.id, onBehalfOf: firstApprover.id, step: { index: 0, kind: 'organization' } });
      await waitForApprovalMail(resellerAddress, id, "then the reseller's step");
    });

    it('ends the period when the approver is back: the next step is theirs again', async () => {
      expect((await firstApprover.client.request('DELETE', '/me/out-of-office')).body).toEqual({ userId: firstApprover.id, period: null });
      const id = (await order(1)).body.transactionId as string;
      await waitForApprovalMail(firstApprover.email, id, 'the approver e-mailed again');
      expect((await approve(delegate.client, id)).status).toBe(403);
      expect((await approve(firstApprover.client, id)).status).toBe(200);
    });
  });
});

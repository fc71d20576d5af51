import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Module, type DynamicModule, type INestMicroservice, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import {
  ApprovalPolicyRpc,
  LookupOrganizationRequest,
  OrganizationLookupRpc,
  OrganizationUserRequest,
  OrganizationUserRpc,
  QuoteRequest,
  QuoteRpc,
  TransactionRpc,
  type ActorDto,
  type AnyRpcContract,
  type RpcRequestOf,
  type OrganizationLookup,
  type OrganizationUserView,
  type Quote,
  type SetApprovalPolicyRequest,
} from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { PrefixedNatsServer, RpcCallError, RpcClient, RpcErrorFilter, RpcHandler } from '@broker/messaging';
import { createLogger, validationPipe } from '@broker/platform';
import { PostgresLeaseLock, PostgresDocumentStore, PostgresEventStore } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { projectionCollection, ProjectionRunner } from '@broker/read-models';
import { DOCUMENT_STORE, EVENT_STORE, LOGGER, SERVICE_CONFIG, SERVICE_RUNTIME } from '@broker/runtime';
import { ApprovalsModule } from '../approvals.module';
import { subscriptionLedgerStreamId } from '../subscription-ledger/domain/subscription-ledger.events';
import { transactionStreamId } from './domain/transaction.events';
import { ORGANIZATION_NAMES } from './organization-names/organization-names.consumer';
import { transactionListProjection } from './transaction-list/transaction-list.projection';

jest.setTimeout(60_000);

/**
 * The approvals service's transaction use cases as they run: the real ApprovalsModule on real NATS request-reply,
 * its events in real PostgreSQL, its list projection run by the real runner. The organizations lookup and the
 * catalog quote are answered by stand-ins on the same NATS (those services are not part of this test): they keep
 * their contracts' meaning, NOT_FOUND for another tenant included.
 */
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const deployment = `apv${randomBytes(4).toString('hex')}`;
const logger = createLogger({ service: 'approvals', level: 'silent' });

interface Offered {
  name: string;
  price: string;
  billingFrequency: 'monthly' | 'annual';
}
interface StandIn {
  organizations: Map<string, { resellerId: string; name: string }>;
  stores: Map<string, Map<string, Offered>>;
  /** The catalog's view: subscriptions it has applied (those from before ledgers, or ones a test sets up). */
  subscriptions: Map<string, { organizationId: string; productId: string; quantity: number; assignedCount: number; status: 'active' | 'cancelled'; sequence?: number }>;
  /** Identity's view: the cost centre labels of users who have one. */
  costCentres: Map<string, string>;
}
const world: StandIn = { organizations: new Map(), stores: new Map(), subscriptions: new Map(), costCentres: new Map() };

const notFound = (code: string) => new DomainError(code, 'not found');
function visibleOrganization(actor: ActorDto, organizationId: string) {
  const organization = world.organizations.get(organizationId);
  const visible =
    organization && (actor.role === 'reseller_admin' ? actor.resellerId === organization.resellerId : actor.organizationId === organizationId && actor.resellerId === organization.resellerId);
  return visible ? organization : null;
}

/** Stand-ins for the organizations lookup and the catalog quote, with their contracts' answers. */
@Controller()
class OtherServicesStandIn {
  @RpcHandler(OrganizationLookupRpc.lookup)
  lookup(@Payload() request: LookupOrganizationRequest): OrganizationLookup {
    const organization = visibleOrganization(request.actor, request.organizationId);
    if (!organization) throw notFound('ORGANIZATION.NOT_FOUND');
    return { organizationId: request.organizationId, resellerId: organization.resellerId, name: organization.name, primaryDomain: 'contoso.example', domains: ['contoso.example'], notificationEmail: 'it@contoso.example' };
  }

  /** Identity's answer for a user reading themself (what the approvals service asks: the requester's cost centre). */
  @RpcHandler(OrganizationUserRpc.get)
  user(@Payload() request: OrganizationUserRequest): OrganizationUserView {
    const { actor, organizationId, userId } = request;
    if (!visibleOrganization(actor, organizationId) || actor.userId !== userId) throw notFound('USER.NOT_FOUND');
    const { role, resellerId } = actor;
    const names = { username: `${userId}@contoso.example`, firstName: 'Anna', lastName: 'Berg', email: `${userId}@contoso.example` };
    return { id: userId, ...names, role, resellerId, organizationId, status: 'active', servicesCount: 0, costCentre: world.costCentres.get(userId) ?? null };
  }

  @RpcHandler(QuoteRpc.quote)
  quote(@Payload() request: QuoteRequest): Quote {
    const organization = visibleOrganization(request.actor, request.organizationId);
    if (!organization) throw notFound('CATALOG.NOT_FOUND');
    const subscription = request.subscriptionId ? world.subscriptions.get(request.subscriptionId) : undefined;
    if (subscription && subscription.organizationId !== request.organizationId) throw notFound('CATALOG.NOT_FOUND');
    // A subscription the catalog does not have is quoted as the product named with it (approved a moment ago).
    if (request.subscriptionId && !subscription && !request.productId) throw notFound('CATALOG.NOT_FOUND');
    const productId = subscription?.productId ?? request.productId!;
    const offered = world.stores.get(request.organizationId)?.get(productId);
    if (!offered) throw notFound('CATALOG.NOT_FOUND');
    return {
      organizationId: request.organizationId,
      resellerId: organization.resellerId,
      productId,
      productName: offered.name,
      billingFrequency: offered.billingFrequency,
      unitPrice: offered.price,
      currency: 'EUR',
      subscription: subscription
        ? { id: request.subscriptionId!, quantity: subscription.quantity, assignedCount: subscription.assignedCount, status: subscription.status, sequence: subscription.sequence ?? 0 }
        : null,
    };
  }
}

async function listen(module: DynamicModule, service: 'approvals' | 'catalog'): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice(module, { strategy: new PrefixedNatsServer({ deployment, service, servers: NATS_URL }), logger: false });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new RpcErrorFilter(logger));
  await app.listen();
  return app;
}

describe('transactions (approvals service on PostgreSQL and NATS)', () => {
  let drop: () => Promise<void>;
  let events: PostgresEventStore;
  let documents: PostgresDocumentStore;
  let lock: PostgresLeaseLock;
  let serviceRpc: RpcClient;
  let client: RpcClient;
  let runner: ProjectionRunner<unknown>;
  const apps: INestMicroservice[] = [];

  const resellerId = randomUUID();
  const otherResellerId = randomUUID();
  const reseller: ActorDto = { userId: randomUUID(), role: 'reseller_admin', resellerId, organizationId: null };
  const secondReseller: ActorDto = { userId: randomUUID(), role: 'reseller_admin', resellerId, organizationId: null };
  const otherReseller: ActorDto = { userId: randomUUID(), role: 'reseller_admin', resellerId: otherResellerId, organizationId: null };
  const monthly = randomUUID();
  const annual = randomUUID();
  const notInStore = randomUUID();

  /** A fresh organization with an org admin, an org viewer, and both products in its store. */
  const newOrganization = (name = 'Contoso') => {
    const organizationId = randomUUID();
    world.organizations.set(organizationId, { resellerId, name });
    world.stores.set(
      organizationId,
      new Map([
        [monthly, { name: 'Microsoft 365 Business Basic', price: '10.50', billingFrequency: 'monthly' }],
        [annual, { name: 'Backup Pro', price: '400.00', billingFrequency: 'annual' }],
      ]),
    );
    const member = (role: ActorDto['role']): ActorDto => ({ userId: randomUUID(), role, resellerId, organizationId });
    return { organizationId, admin: member('org_admin'), secondAdmin: member('org_admin'), viewer: member('org_viewer') };
  };

  const call = <C extends AnyRpcContract>(contract: C, payload: RpcRequestOf<C>) => client.call(contract, payload);
  const failure = async (promise: Promise<unknown>): Promise<RpcCallError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    if (!(error instanceof RpcCallError)) throw new Error(`expected an RpcCallError, got ${String(error)}`);
    return error;
  };
  const order = (actor: ActorDto, organizationId: string, quantity: number, productId = monthly) =>
    call(TransactionRpc.order, { actor, organizationId, transactionId: randomUUID(), productId, quantity });
  const setPolicy = (organizationId: string, approvalRequired: boolean, dynamicApproval: { enabled: boolean; annualLimit?: string }) =>
    call(ApprovalPolicyRpc.set, { actor: reseller, organizationId, approvalRequired, dynamicApproval } satisfies SetApprovalPolicyRequest);

  beforeAll(async () => {
    const test = await createTestConnection('approvals_tx');
    drop = test.drop;
    events = new PostgresEventStore(test.connection);
    await events.init();
    documents = new PostgresDocumentStore(test.connection);
    await documents.init();
    await documents.ensureCollection(ORGANIZATION_NAMES);
    await documents.ensureCollection({ name: projectionCollection(transactionListProjection), indexes: transactionListProjection.indexes ?? {} });
    lock = new PostgresLeaseLock(test.connection);
    serviceRpc = new RpcClient({ deployment, servers: NATS_URL });
    client = new RpcClient({ deployment, servers: NATS_URL, timeoutMs: 10_000 });

    // What the service's runtime provides to its module (run-service.ts); the background work is not started here.
    const providers: Provider[] = [
      { provide: EVENT_STORE, useValue: events },
      { provide: DOCUMENT_STORE, useValue: documents },
      { provide: RpcClient, useValue: serviceRpc },
      { provide: SERVICE_RUNTIME, useValue: { leaderLock: lock, documentStore: documents } },
      { provide: SERVICE_CONFIG, useValue: { APPROVAL_TIMERS_INTERVAL_MS: 30_000 } },
      { provide: LOGGER, useValue: logger },
    ];
    @Module({})
    class TestRuntimeModule {}
    apps.push(await listen({ module: TestRuntimeModule, global: true, imports: [ApprovalsModule], providers, exports: providers }, 'approvals'));
    @Module({ controllers: [OtherServicesStandIn] })
    class StandInModule {}
    apps.push(await listen({ module: StandInModule }, 'catalog'));

    runner = new ProjectionRunner({ projection: transactionListProjection as never, eventStore: events, documentStore: documents, leaderLock: lock, idleWaitMs: 100 });
    runner.start();
  });

  afterAll(async () => {
    await runner?.stop();
    for (const app of apps.reverse()) await app.close();
    await client?.close();
    await serviceRpc?.close();
    await lock?.close();
    await events?.close();
    await drop?.();
  });

  it('approves an order at once with no approval process; the approval process set a moment before an order leaves it pending', async () => {
    const { organizationId, admin } = newOrganization();
    const first = await order(admin, organizationId, 3);
    expect(first).toEqual({ transactionId: expect.any(String), status: 'approved', annualValue: '378.00', currency: 'EUR', subscriptionId: expect.any(String) });

    await setPolicy(organizationId, true, { enabled: false });
    const second = await order(admin, organizationId, 3);
    expect(second.status).toBe('pending_approval');
    const stored = await events.readStream(transactionStreamId(second.transactionId));
    expect(stored.map((e) => e.type)).toEqual(['TransactionRequested']);
    expect(stored[0]!.data).toMatchObject({ appliedPolicy: 'approval_required', policy: { approvalRequired: true }, requestedBy: admin.userId, organizationName: 'Contoso' });
    expect(stored[0]!.metadata).toMatchObject({ actorId: admin.userId, resellerId, organizationId });
  });

  it('applies a dynamic limit: above pending, at or below approved by policy; an annual product is price x quantity; reseller staff approved on request', async () => {
    const { organizationId, admin } = newOrganization();
    await setPolicy(organizationId, true, { enabled: true, annualLimit: '1000.00' });
    expect(await order(admin, organizationId, 10)).toMatchObject({ status: 'pending_approval', annualValue: '1260.00' });
    expect(await order(admin, organizationId, 7)).toMatchObject({ status: 'approved', annualValue: '882.00' });
    expect(await order(admin, organizationId, 2, annual)).toMatchObject({ status: 'approved', annualValue: '800.00' });
    expect(await order(admin, organizationId, 3, annual)).toMatchObject({ status: 'pending_approval', annualValue: '1200.00' });
    await setPolicy(organizationId, false, { enabled: true, annualLimit: '800.00' });
    expect(await order(admin, organizationId, 2, annual)).toMatchObject({ status: 'approved', annualValue: '800.00' });
    const staff = await order(reseller, organizationId, 100);
    expect(staff).toMatchObject({ status: 'approved', annualValue: '12600.00' });
    const [requested] = await events.readStream(transactionStreamId(staff.transactionId));
    expect(requested!.data).toMatchObject({ appliedPolicy: 'reseller_staff', requestedBy: reseller.userId });
  });

  it('refuses a product outside the store, another tenant, a viewer, and bad quantities on changes', async () => {
    const { organizationId, admin, viewer } = newOrganization();
    expect(await failure(order(admin, organizationId, 1, notInStore))).toMatchObject({ code: 'PRODUCT.NOT_FOUND', status: 404 });
    expect(await failure(order(otherReseller, organizationId, 1))).toMatchObject({ code: 'ORGANIZATION.NOT_FOUND', status: 404 });
    expect(await failure(order(viewer, organizationId, 1))).toMatchObject({ code: 'TRANSACTION.FORBIDDEN', status: 403 });
    expect(await failure(order(admin, organizationId, 0))).toMatchObject({ code: 'VALIDATION', status: 400 });

    const subscriptionId = randomUUID();
    world.subscriptions.set(subscriptionId, { organizationId, productId: monthly, quantity: 10, assignedCount: 6, status: 'active' });
    const change = (quantity: number) => call(TransactionRpc.change, { actor: admin, organizationId, transactionId: randomUUID(), subscriptionId, quantity });
    const below = await failure(change(5));
    expect(below).toMatchObject({ code: 'VALIDATION', status: 400, errors: [{ field: 'quantity', message: expect.stringContaining('6 users are assigned') }] });
    expect(await failure(change(10))).toMatchObject({ code: 'VALIDATION', errors: [{ field: 'quantity', message: 'The subscription already has quantity 10' }] });
    expect(await change(6)).toMatchObject({ status: 'approved', annualValue: '0.00', subscriptionId });
    // The approved 6 counts at once, although the catalog has not applied it yet: 6 -> 12 is worth 6 seats.
    expect(await change(12)).toMatchObject({ status: 'approved', annualValue: '756.00', subscriptionId });
    expect(await failure(call(TransactionRpc.change, { actor: admin, organizationId, transactionId: randomUUID(), subscriptionId: randomUUID(), quantity: 3 }))).toMatchObject({ code: 'SUBSCRIPTION.NOT_FOUND', status: 404 });

    const cancel = () => call(TransactionRpc.cancel, { actor: admin, organizationId, transactionId: randomUUID(), subscriptionId });
    expect(await cancel()).toMatchObject({ status: 'approved' });
    expect(await failure(cancel())).toMatchObject({ code: 'SUBSCRIPTION.ALREADY_CANCELLED', status: 409 });
  });

  it('lets exactly one of many concurrent decisions win; the others answer 409 and nothing else is appended', async () => {
    const { organizationId, admin } = newOrganization();
    await setPolicy(organizationId, true, { enabled: false });
    const { transactionId } = await order(admin, organizationId, 4);
    const attempts = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? call(TransactionRpc.approve, { actor: i % 4 === 0 ? reseller : secondReseller, transactionId, comment: `approve ${i}` })
        : call(TransactionRpc.reject, { actor: i % 4 === 1 ? reseller : secondReseller, transactionId, reason: `reject ${i}` }),
    );
    const outcomes = await Promise.allSettled(attempts);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: expect.stringMatching(/^APPROVAL\.(CONFLICT|ALREADY_DECIDED)$/) });
    }
    const stored = await events.readStream(transactionStreamId(transactionId));
    expect(stored).toHaveLength(2);
    expect(['TransactionApproved', 'TransactionRejected']).toContain(stored[1]!.type);
  });

  it('lets only an admin of the same reseller decide (404 for another reseller, 403 for the organization), never on their own request', async () => {
    const { organizationId, admin, secondAdmin, viewer } = newOrganization();
    await setPolicy(organizationId, true, { enabled: false });
    const { transactionId } = await order(admin, organizationId, 2);
    expect(await failure(call(TransactionRpc.approve, { actor: otherReseller, transactionId }))).toMatchObject({ code: 'TRANSACTION.NOT_FOUND', status: 404 });
    expect(await failure(call(TransactionRpc.approve, { actor: admin, transactionId }))).toMatchObject({ code: 'APPROVAL.FORBIDDEN', status: 403 });
    expect(await failure(call(TransactionRpc.reject, { actor: viewer, transactionId, reason: 'no' }))).toMatchObject({ status: 403 });
    expect(await failure(call(TransactionRpc.reject, { actor: reseller, transactionId, reason: '  ' }))).toMatchObject({ code: 'VALIDATION', status: 400 });
    expect(await failure(call(TransactionRpc.withdraw, { actor: secondAdmin, organizationId, transactionId }))).toMatchObject({ code: 'TRANSACTION.FORBIDDEN', status: 403 });
    expect(await failure(call(TransactionRpc.withdraw, { actor: admin, organizationId: randomUUID(), transactionId }))).toMatchObject({ code: 'TRANSACTION.NOT_FOUND', status: 404 });

    const withdrawn = await call(TransactionRpc.withdraw, { actor: admin, organizationId, transactionId });
    expect(withdrawn).toMatchObject({ id: transactionId, status: 'withdrawn', decidedBy: admin.userId });
    expect(await failure(call(TransactionRpc.approve, { actor: reseller, transactionId }))).toMatchObject({ code: 'APPROVAL.ALREADY_DECIDED', status: 409 });
  });

  it('refuses to approve a decrease below the users assigned since the request', async () => {
    const { organizationId, admin } = newOrganization();
    await setPolicy(organizationId, true, { enabled: false });
    const subscriptionId = randomUUID();
    world.subscriptions.set(subscriptionId, { organizationId, productId: monthly, quantity: 10, assignedCount: 2, status: 'active' });
    const { transactionId } = await call(TransactionRpc.change, { actor: admin, organizationId, transactionId: randomUUID(), subscriptionId, quantity: 3 });
    world.subscriptions.set(subscriptionId, { organizationId, productId: monthly, quantity: 10, assignedCount: 5, status: 'active' });
    expect(await failure(call(TransactionRpc.approve, { actor: reseller, transactionId }))).toMatchObject({ code: 'SUBSCRIPTION.CONFLICT', status: 409 });
    world.subscriptions.set(subscriptionId, { organizationId, productId: monthly, quantity: 10, assignedCount: 3, status: 'active' });
    expect(await call(TransactionRpc.approve, { actor: reseller, transactionId })).toMatchObject({ status: 'approved', type: 'change', quantity: 3, previousQuantity: 10 });
  });

  it('answers a request asked again with the same transaction id as recorded (also when asked at once, many times), and refuses another request under it', async () => {
    const { organizationId, admin } = newOrganization();
    const transactionId = randomUUID();
    const asked = { actor: admin, organizationId, transactionId, productId: monthly, quantity: 3 };
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(TransactionRpc.order, asked)));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ transactionId, status: 'approved' });
    expect((await events.readStream(transactionStreamId(transactionId))).map((e) => e.type)).toEqual(['TransactionRequested', 'TransactionApproved']);
    expect(await events.readStream(subscriptionLedgerStreamId(answers[0]!.subscriptionId))).toHaveLength(1);

    expect(await failure(call(TransactionRpc.order, { ...asked, quantity: 4 }))).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED', status: 422 });
    expect(await failure(call(TransactionRpc.order, { ...asked, actor: { ...admin, userId: randomUUID() } }))).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('answers the same decision asked again as made; another decision is refused', async () => {
    const { organizationId, admin } = newOrganization();
    await setPolicy(organizationId, true, { enabled: false });
    const { transactionId } = await order(admin, organizationId, 2);
    const decisionId = randomUUID();
    const first = await call(TransactionRpc.approve, { actor: reseller, transactionId, comment: 'ok', decisionId });
    const again = await call(TransactionRpc.approve, { actor: reseller, transactionId, comment: 'ok', decisionId });
    expect(again).toEqual(first);
    expect(await failure(call(TransactionRpc.approve, { actor: reseller, transactionId, decisionId: randomUUID() }))).toMatchObject({ code: 'APPROVAL.ALREADY_DECIDED', status: 409 });
    expect(await failure(call(TransactionRpc.reject, { actor: reseller, transactionId, reason: 'no', decisionId }))).toMatchObject({ code: 'APPROVAL.ALREADY_DECIDED' });
    expect(await events.readStream(transactionStreamId(transactionId))).toHaveLength(2);
  });

  it('changes a subscription approved a moment ago, before the catalog has it, priced as its product', async () => {
    const { organizationId, admin } = newOrganization();
    const ordered = await order(admin, organizationId, 3);
    expect(world.subscriptions.has(ordered.subscriptionId)).toBe(false);
    const change = await call(TransactionRpc.change, { actor: admin, organizationId, transactionId: randomUUID(), subscriptionId: ordered.subscriptionId, quantity: 5 });
    expect(change).toMatchObject({ status: 'approved', annualValue: '252.00', subscriptionId: ordered.subscriptionId });
  });

  it('refuses to approve a change made against a subscription that another approved change has moved on from', async () => {
    const { organizationId, admin } = newOrganization();
    const { subscriptionId } = await order(admin, organizationId, 10);
    await setPolicy(organizationId, true, { enabled: false });
    const change = (quantity: number) => call(TransactionRpc.change, { actor: admin, organizationId, transactionId: randomUUID(), subscriptionId, quantity });
    const first = await change(14);
    const second = await change(12);
    await call(TransactionRpc.approve, { actor: reseller, transactionId: first.transactionId });
    const stale = await failure(call(TransactionRpc.approve, { actor: reseller, transactionId: second.transactionId }));
    expect(stale).toMatchObject({ code: 'SUBSCRIPTION.CONFLICT', status: 409 });
    expect(stale.message).toContain('now has 14');
    expect(await call(TransactionRpc.reject, { actor: reseller, transactionId: second.transactionId, reason: 'asked against 10' })).toMatchObject({ status: 'rejected' });

    const ledger = await events.readStream(subscriptionLedgerStreamId(subscriptionId));
    expect(ledger.map((e) => [e.data.sequence, e.data.quantity, e.data.previousQuantity])).toEqual([[0, 10, 0], [1, 14, 10]]);
    const [approvedFirst] = (await events.readStream(transactionStreamId(first.transactionId))).filter((e) => e.type === 'TransactionApproved');
    expect(approvedFirst!.data).toMatchObject({ subscriptionSequence: 1, effectiveAt: ledger[1]!.data.effectiveAt });
  });

  it('gives concurrent changes of one subscription one sequence each, in a chain with no gap and no repeat', async () => {
    const { organizationId, admin } = newOrganization();
    const { subscriptionId } = await order(admin, organizationId, 1);
    const quantities = Array.from({ length: 12 }, (_, i) => 20 + i);
    const outcomes = await Promise.allSettled(
      quantities.map((quantity) => call(TransactionRpc.change, { actor: admin, organizationId, transactionId: randomUUID(), subscriptionId, quantity })),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(accepted).toBeGreaterThan(0);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ status: 409 });

    const ledger = (await events.readStream(subscriptionLedgerStreamId(subscriptionId))).map((e) => e.data as Record<string, unknown>);
    expect(ledger).toHaveLength(accepted + 1);
    ledger.forEach((entry, i) => {
      expect(entry.sequence).toBe(i);
      if (i > 0) {
        expect(entry.previousQuantity).toBe(ledger[i - 1]!.quantity);
        expect(Date.parse(entry.effectiveAt as string)).toBeGreaterThan(Date.parse(ledger[i - 1]!.effectiveAt as string));
      }
    });
  });

  it('reads back the audit trail, and lists transactions and pending approvals newest first', async () => {
    const { organizationId, admin, viewer } = newOrganization('Fabrikam');
    await setPolicy(organizationId, true, { enabled: false });
    const rejected = await order(admin, organizationId, 5);
    const decided = await call(TransactionRpc.reject, { actor: reseller, transactionId: rejected.transactionId, reason: 'Over budget' });
    expect(decided).toMatchObject({ id: rejected.transactionId, status: 'rejected', decidedBy: reseller.userId, reason: 'Over budget', annualValue: '630.00' });

    const history = await call(TransactionRpc.history, { actor: viewer, organizationId, transactionId: rejected.transactionId });
    const policy = { approvalRequired: true, dynamicApproval: { enabled: false, annualLimit: '0.00' } };
    expect(history).toEqual({
      transactionId: rejected.transactionId,
      items: [
        { type: 'requested', at: expect.any(String), actorId: admin.userId, annualValue: '630.00', appliedPolicy: 'approval_required', policy },
        { type: 'rejected', at: decided.decidedAt, actorId: reseller.userId, annualValue: '630.00', appliedPolicy: 'approval_required', policy, reason: 'Over budget' },
      ],
    });
    expect(await failure(call(TransactionRpc.history, { actor: otherReseller, organizationId, transactionId: rejected.transactionId }))).toMatchObject({ status: 404 });

    const older = await order(admin, organizationId, 1);
    const newer = await order(admin, organizationId, 2);
    // Caught up with the log is not yet "holds both": an append committed a moment ago can be read on a later pass.
    await runner.waitUntilCaughtUp(10_000);
    let list = await call(TransactionRpc.list, { actor: viewer, organizationId });
    for (const deadline = Date.now() + 10_000; !list.items.some((t) => t.id === newer.transactionId) && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      list = await call(TransactionRpc.list, { actor: viewer, organizationId });
    }
    expect(list.items.map((t) => [t.id, t.status])).toEqual([
      [newer.transactionId, 'pending_approval'],
      [older.transactionId, 'pending_approval'],
      [rejected.transactionId, 'rejected'],
    ]);
    const pending = await call(TransactionRpc.listPending, { actor: reseller, status: 'pending' });
    const ours = pending.items.filter((p) => p.organizationId === organizationId);
    expect(ours.map((p) => p.transactionId)).toEqual([newer.transactionId, older.transactionId]);
    expect(ours[0]).toMatchObject({ organizationName: 'Fabrikam', productName: 'Microsoft 365 Business Basic', quantity: 2, annualValue: '252.00', currency: 'EUR', requestedBy: admin.userId });
    expect((await call(TransactionRpc.listPending, { actor: otherReseller })).items).toEqual([]);
    // An organization's admin sees only what waits for their own step of an approval chain: none here.
    expect((await call(TransactionRpc.listPending, { actor: admin })).items).toEqual([]);
    expect(await failure(call(TransactionRpc.listPending, { actor: viewer }))).toMatchObject({ status: 403 });
  });

  it("records an order naming no cost centre under its requester's label; a named one, and reseller staff's orders, keep their own", async () => {
    const { organizationId, admin, secondAdmin } = newOrganization();
    world.costCentres.set(admin.userId, 'Research');
    const costCentreOf = async (placed: Promise<{ transactionId: string }>) => {
      const stored = await events.readStream(transactionStreamId((await placed).transactionId));
      return (stored[0]!.data as { costCentre?: string }).costCentre ?? null;
    };
    expect(await costCentreOf(order(admin, organizationId, 1))).toBe('Research');
    expect(await costCentreOf(call(TransactionRpc.order, { actor: admin, organizationId, transactionId: randomUUID(), productId: monthly, quantity: 1, costCentre: 'Sales' }))).toBe('Sales');
    expect(await costCentreOf(order(secondAdmin, organizationId, 1))).toBeNull();
    world.costCentres.set(reseller.userId, 'Research'); // never asked: reseller staff carry no label
    expect(await costCentreOf(order(reseller, organizationId, 1))).toBeNull();
  });
});

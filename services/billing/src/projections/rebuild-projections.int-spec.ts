import { randomUUID } from 'node:crypto';
import type { GlobalPosition } from '@broker/event-sourcing';
import type { StoredDocument } from '@broker/read-models';
import { ProjectionRunner, projectionCollection, type DocumentStore } from '@broker/read-models';
import { PostgresLeaseLock, PostgresDocumentStore, PostgresEventStore, type PostgresConnection } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { dayFromDate, monthOfDay } from '@broker/contracts';
import { ConsistencyCheck } from '../consistency-check/consistency-check';
import { billingOrganizationStreamId } from '../recording/billing-events';
import { syntheticHistory } from '../tools/synthetic-history';
import { ensureActiveVersion, readActiveVersion, switchActiveVersion } from './active-version';
import { billingCollections, billingProjections, projectionList } from './billing-projections';
import type { OrganizationBillingDocument } from './organization-billing.projection';
import { rebuildBillingProjections, type RebuildProgress } from './rebuild-projections';

jest.setTimeout(60_000);

async function allDocuments(documents: DocumentStore, collection: string): Promise<StoredDocument<unknown>[]> {
  const all: StoredDocument<unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<DocumentStore['find']>> = await documents.find(collection, { limit: 500, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

const TODAY = dayFromDate('2026-05-10');

/**
 * Billing's projections on real PostgreSQL: built live while the history grows, then rebuilt from position zero
 * under a new version; the rebuilt documents equal the live ones, and the consistency check agrees with both.
 */
describe('billing projections: rebuild and consistency (PostgreSQL)', () => {
  let test: { connection: PostgresConnection; drop(): Promise<void> };
  let events: PostgresEventStore;
  let documents: PostgresDocumentStore;
  let locks: PostgresLeaseLock[];
  const resellerId = randomUUID();
  const history = syntheticHistory(resellerId, { seed: `rebuild-${resellerId}`, organizations: 4, subscriptionsPerOrganization: 3, months: 7, lastMonth: monthOfDay(TODAY), usersPerOrganization: 4 });

  beforeAll(async () => {
    test = await createTestConnection('billing_rebuild');
    events = new PostgresEventStore(test.connection);
    await events.init();
    documents = new PostgresDocumentStore(test.connection);
    await documents.init();
    locks = [new PostgresLeaseLock(test.connection), new PostgresLeaseLock(test.connection)];
  });

  afterAll(async () => {
    await Promise.all(locks.map((l) => l.close()));
    await events.close();
    await test.drop();
  });

  it('rebuilds version 2 from zero beside version 1, equal document for document, then switches over', async () => {
    expect(await ensureActiveVersion(documents.checkpoints)).toBe(1);
    // Live: version 1 follows the history while it is being written, a few events at a time.
    const live = projectionList(billingProjections(1)).map((projection) => new ProjectionRunner({ projection, eventStore: events, documentStore: documents, leaderLock: locks[0]!, batchSize: 7, idleWaitMs: 50 }));
    live.forEach((runner) => runner.start());
    try {
      let last: GlobalPosition | undefined;
      for (const batch of history) {
        for (let i = 0; i < batch.events.length; i += 9) last = (await events.appendToStream(batch.streamId, batch.events.slice(i, i + 9), 'any')).position;
        // A redelivered fact is appended again: nothing changes (the answer is the first append's position).
        await events.appendToStream(batch.streamId, batch.events.slice(0, 1), 'any');
      }
      // Up to the last append (read your writes): "caught up" alone may come early while another session's open
      // transaction holds the gap-safe horizon back.
      await Promise.all(live.map((runner) => runner.waitForPosition(last!, 20_000)));
    } finally {
      await Promise.all(live.map((runner) => runner.stop()));
    }

    const progress: RebuildProgress[] = [];
    const result = await rebuildBillingProjections({ eventStore: events, documentStore: documents, leaderLock: locks[1]!, batchSize: 50, progressEveryMs: 20, onProgress: (p) => progress.push(p) });
    const total = history.reduce((sum, b) => sum + b.events.length, 0);
    expect(result).toMatchObject({ from: 1, to: 2 });
    // Each of the three projections reads the events of its own types once.
    expect(result.eventsRead).toBe(total);
    expect(progress.at(-1)).toMatchObject({ version: 2, eventsRead: total, pending: [] });
    expect(await readActiveVersion(documents.checkpoints)).toBe(2);

    const [v1, v2] = [billingCollections(1), billingCollections(2)];
    for (const key of ['organizations', 'resellers', 'users'] as const) {
      const [before, after] = [await allDocuments(documents, v1[key]), await allDocuments(documents, v2[key])];
      expect(after.length).toBeGreaterThan(0);
      expect(after.map((d) => [d.id, d.data])).toEqual(before.map((d) => [d.id, d.data]));
    }
    expect((await allDocuments(documents, v2.organizations)).length).toBe(4);
  });

  it('refuses a second rebuild while one is running, and switches nothing', async () => {
    const running = (await locks[0]!.tryAcquire('billing:projections:rebuild'))!;
    try {
      await expect(rebuildBillingProjections({ eventStore: events, documentStore: documents, leaderLock: locks[1]! })).rejects.toMatchObject({ code: 'BILLING.REBUILD_FAILED' });
    } finally {
      await running.release();
    }
    expect(await readActiveVersion(documents.checkpoints)).toBe(2);
  });

  it('lets a rebuild that lost its lease switch nothing', async () => {
    const rebuilding = (await locks[0]!.tryAcquire('billing:projections:rebuild'))!;
    await rebuilding.release();
    await expect(switchActiveVersion(documents.checkpoints, 2, 3, rebuilding)).rejects.toMatchObject({ code: 'READ_MODEL.LEASE_FENCED' });
    expect(await readActiveVersion(documents.checkpoints)).toBe(2);
  });

  it('finds the projection consistent with the history for every organization, and says so when it is not', async () => {
    const collections = billingCollections(2);
    const check = new ConsistencyCheck(events, documents);
    const ids = await check.organizationIds(collections);
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      const report = await check.check(collections, id, TODAY);
      expect(report).toMatchObject({ organizationId: id, version: 2, consistent: true, asOf: '2026-05-10' });
      expect(report!.months.length).toBe(7);
      expect(report!.months.some((m) => m.history.revenue !== '0.00')).toBe(true);
    }

    // Facts the projection has not applied yet are left out of the comparison (a lag is not an inconsistency).
    const [first] = ids;
    const stored = (await documents.get<OrganizationBillingDocument>(collections.organizations, first!))!;
    const pending = { ...history[1]!.events[history[1]!.events.length - 1]!, id: randomUUID() };
    await events.appendToStream(billingOrganizationStreamId(first!), [pending], 'any');
    expect((await check.check(collections, first!, TODAY))!.consistent).toBe(true);

    // A document that does not match its history is reported, month by month.
    const subscription = stored.data.subscriptions[0]!;
    const tampered = { ...stored.data, subscriptions: [{ ...subscription, changes: subscription.changes.map((c) => ({ ...c, quantity: c.quantity + 1 })) }, ...stored.data.subscriptions.slice(1)] };
    await documents.upsert(collections.organizations, first!, tampered);
    const report = (await check.check(collections, first!, TODAY))!;
    expect(report.consistent).toBe(false);
    const wrong = report.months.find((m) => !m.consistent)!;
    expect(wrong.projection.revenue).not.toBe(wrong.history.revenue);
    expect(await check.check(collections, randomUUID(), TODAY)).toBeNull();
    expect(projectionCollection(billingProjections(2).organizations)).toBe(collections.organizations);
  });
});

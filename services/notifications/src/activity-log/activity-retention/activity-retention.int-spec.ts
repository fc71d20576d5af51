import type { Logger } from 'pino';
import { PostgresDocumentStore } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import type { ServiceRuntime } from '@broker/runtime';
import type { NotificationsConfig } from '../../notifications.config';
import { ACTIVITY_LOG, type ActivityEntry } from '../activity-entry';
import { ActivityRetention, retentionCutoff } from './activity-retention';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

const entry = (id: string, at: string): ActivityEntry => ({
  id, at, resellerId: 'r-1', organizationId: 'o-1', actorId: 'u-1', actorName: null, action: 'user.signed-in',
  target: { type: 'user', id: 'u-1', name: null }, targetId: 'u-1', summary: 'Signed in', correlationId: 'c-1',
});

/** The activity log's retention against PostgreSQL: what is older than the retention goes, in batches; the rest stays. */
describe('activity retention (PostgreSQL)', () => {
  let store: PostgresDocumentStore;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const test = await createTestConnection('activity_ret');
    drop = test.drop;
    store = new PostgresDocumentStore(test.connection);
    await store.init();
    await store.ensureCollection(ACTIVITY_LOG);
  });

  afterAll(async () => {
    await store?.close();
    await drop?.();
  });

  it('deletes every entry older than the retention (more than one batch of them), keeps the one at the cutoff and newer', async () => {
    const now = new Date('2026-12-08T12:00:00.000Z');
    const cutoff = retentionCutoff(now, 30);
    expect(cutoff).toBe('2026-11-08T12:00:00.000Z');
    const old = Array.from({ length: 620 }, (_, i) => entry(`old-${String(i).padStart(4, '0')}`, new Date(Date.parse(cutoff) - (i + 1) * 60_000).toISOString()));
    const kept = [entry('at-cutoff', cutoff), entry('recent', '2026-12-08T11:00:00.000Z')];
    await store.unitOfWork(async (uow) => {
      for (const e of [...old, ...kept]) await uow.upsert(ACTIVITY_LOG.name, e.id, e);
    });

    const retention = new ActivityRetention({} as ServiceRuntime, store, { ACTIVITY_RETENTION_DAYS: 30 } as NotificationsConfig, silent);
    expect(await retention.purge(now)).toBe(620);
    const left = await store.find<ActivityEntry>(ACTIVITY_LOG.name, { limit: 500 });
    expect(left.items.map((d) => d.id).sort()).toEqual(['at-cutoff', 'recent']);
    expect(await retention.purge(now)).toBe(0);
  });
});

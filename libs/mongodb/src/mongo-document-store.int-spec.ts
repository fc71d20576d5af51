import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { describeDocumentStoreContract, describeLeaderLockContract } from '@broker/read-models/testing';
import { MongoDocumentStore } from './mongo-document-store';
import { LEASES_COLLECTION, TRANSACTION_OPTIONS, type LeaseRow } from './mongo-store.schema';

/** A replica set (transactions need one), e.g. mongodb://127.0.0.1:27017/?replicaSet=rs0&directConnection=true */
const MONGODB_URL = process.env.MONGODB_URL;

/** A store on a fresh database, an admin connection to the same database, and a way to drop it again. */
async function freshStore(url: string): Promise<{ store: MongoDocumentStore; admin: Connection; database: string; drop(): Promise<void> }> {
  const database = `rm_test_${randomBytes(5).toString('hex')}`;
  const store = await MongoDocumentStore.connect(url, { database });
  const admin = await mongoose.createConnection(url, { dbName: database }).asPromise();
  return {
    store,
    admin,
    database,
    async drop() {
      await store.close().catch(() => undefined);
      await admin.db?.dropDatabase();
      await admin.close();
    },
  };
}

if (!MONGODB_URL) {
  console.log('MongoDB document-store contract suite: not run: MONGODB_URL is not set (no MongoDB server or image here)');
  describe.skip('MongoDB document store and leader lock (MONGODB_URL is not set)', () => {
    it('runs the DocumentStore and LeaderLock contracts against a replica set', () => undefined);
  });
} else {
  const url = MONGODB_URL;

  describeDocumentStoreContract('MongoDB', async () => {
    const { store, drop } = await freshStore(url);
    await store.init();
    return { store, teardown: drop };
  });

  describeLeaderLockContract('MongoDB', async () => {
    const { store, admin, drop } = await freshStore(url);
    await store.init();
    const stalls = new Set<mongoose.mongo.ClientSession>();
    return {
      store,
      contender: (options) => store.leaderLock(options),
      // Another session writes the lease row in an open transaction: the holder's renewal (a plain write) waits for
      // it, as behind a slow or stuck server. No hook in the lock itself is needed.
      stallRenewals: async (name) => {
        const session = admin.getClient().startSession();
        stalls.add(session);
        for (let attempt = 1; ; attempt++) {
          session.startTransaction(TRANSACTION_OPTIONS);
          try {
            const written = await admin.db!.collection<LeaseRow>(LEASES_COLLECTION).updateOne({ _id: name }, { $inc: { stalls: 1 } }, { session });
            if (written.matchedCount !== 1) throw new Error(`no lease row for ${name}`);
            break;
          } catch (error) {
            await session.abortTransaction().catch(() => undefined);
            // A renewal was writing the row at that moment: try again.
            if (attempt >= 20 || (error as { code?: number }).code !== 112) throw error;
          }
        }
        return async () => {
          if (!stalls.delete(session)) return;
          await session.abortTransaction();
          await session.endSession();
        };
      },
      async teardown() {
        for (const session of stalls) await session.endSession().catch(() => undefined);
        await drop();
      },
    };
  });

  describe('MongoDocumentStore (adapter specifics)', () => {
    it('initialises and declares collections safely when several processes start at once', async () => {
      const first = await freshStore(url);
      const others = await Promise.all(Array.from({ length: 3 }, () => MongoDocumentStore.connect(url, { database: first.database })));
      const stores = [first.store, ...others];
      try {
        await Promise.all(stores.map((store) => store.init()));
        const definition = { name: 'orders_v1', indexes: { status: 'string' as const, amount: 'number' as const } };
        await Promise.all(stores.map((store) => store.ensureCollection(definition)));
        await Promise.all(stores.map((store) => store.init()));
        const indexes = await first.admin.db!.collection('rm_orders_v1').indexes();
        expect(indexes.map((index) => index.key)).toEqual(
          expect.arrayContaining([{ _id: 1 }, { 'data.status': 1, _id: 1 }, { 'data.amount': 1, _id: 1 }]),
        );
        expect(indexes).toHaveLength(3);
        await first.store.check();
      } finally {
        await Promise.all(others.map((store) => store.close()));
        await first.drop();
      }
    });

    it('answers find from the stored definition on an instance that never ensured the collection', async () => {
      const writer = await freshStore(url);
      const reader = await MongoDocumentStore.connect(url, { database: writer.database });
      try {
        await writer.store.init();
        await writer.store.ensureCollection({ name: 'users_v1', indexes: { email: 'string' } });
        await writer.store.upsert('users_v1', 'u1', { email: 'b@example.com' });
        await writer.store.upsert('users_v1', 'u2', { email: 'a@example.com' });
        const found = await reader.find('users_v1', { sort: { field: 'email', direction: 'asc' } });
        expect(found.items.map((d) => d.id)).toEqual(['u2', 'u1']);
        await expect(reader.find('users_v1', { where: { name: 'x' } })).rejects.toMatchObject({ code: 'READ_MODEL.UNKNOWN_INDEX' });
        await expect(reader.upsert('users_v1', 'u3', { email: 3 })).rejects.toMatchObject({ code: 'READ_MODEL.INVALID_DOCUMENT' });
      } finally {
        await reader.close();
        await writer.drop();
      }
    });

    it('fails instead of reporting success when a statement inside the unit failed and was caught', async () => {
      const { store, admin, drop } = await freshStore(url);
      try {
        await store.init();
        await store.ensureCollection({ name: 'notes', indexes: {} });
        // A unique index the adapter does not know of makes the second insert fail inside the transaction.
        await admin.db!.collection('rm_notes').createIndex({ 'data.key': 1 }, { unique: true, sparse: true });
        await expect(
          store.unitOfWork(async (uow) => {
            await uow.upsert('notes', 'good', { key: 'k' });
            await uow.upsert('notes', 'bad', { key: 'k' }).catch(() => undefined);
            return 'looks fine';
          }),
        ).rejects.toMatchObject({ code: 'READ_MODEL.UNIT_OF_WORK_ABORTED' });
        expect(await store.get('notes', 'good')).toBeNull();
        expect(await store.unitOfWork((uow) => uow.upsert('notes', 'good', { key: 'k' }))).toMatchObject({ version: 1 });
      } finally {
        await drop();
      }
    });

    it('refuses database names MongoDB would refuse or that are reserved', async () => {
      await expect(MongoDocumentStore.connect(url, { database: 'admin' })).rejects.toThrow(/database name/);
      await expect(MongoDocumentStore.connect(url, { database: 'Broker-Identity' })).rejects.toThrow(/database name/);
    });
  });
}

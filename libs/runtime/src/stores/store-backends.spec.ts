import { eventStoreNamespace, postgresParts, storeBackends } from './store-backends';

const PG = 'postgres://app:secret@db:5432/broker';

describe('store backends', () => {
  it('keeps both stores on PostgreSQL by default', () => {
    const backends = storeBackends({ DATABASE_URL: PG });
    expect(backends).toEqual({ events: { kind: 'postgres', url: PG }, documents: { kind: 'postgres', url: PG } });
    expect([...postgresParts(backends)]).toEqual([[PG, new Set(['events', 'documents'])]]);
  });

  it('moves events to KurrentDB and read models to MongoDB by their URLs, each on its own', () => {
    const kurrent = storeBackends({ DATABASE_URL: PG, EVENT_STORE_URL: 'esdb://kurrentdb:2113?tls=false' });
    expect(kurrent.events).toEqual({ kind: 'kurrentdb', url: 'esdb://kurrentdb:2113?tls=false' });
    expect([...postgresParts(kurrent)]).toEqual([[PG, new Set(['documents'])]]);
    const mongo = storeBackends({ DATABASE_URL: PG, READ_STORE_URL: 'mongodb://mongodb:27017/?replicaSet=rs0' });
    expect(mongo.documents.kind).toBe('mongodb');
    expect([...postgresParts(mongo)]).toEqual([[PG, new Set(['events'])]]);
    const neither = storeBackends({ DATABASE_URL: PG, EVENT_STORE_URL: 'kurrentdb://k:2113', READ_STORE_URL: 'mongodb+srv://cluster.example' });
    expect(postgresParts(neither).size).toBe(0);
  });

  it('may put the two stores in two PostgreSQL databases', () => {
    const backends = storeBackends({ DATABASE_URL: PG, READ_STORE_URL: 'postgresql://reads/broker' });
    expect([...postgresParts(backends)]).toEqual([
      [PG, new Set(['events'])],
      ['postgresql://reads/broker', new Set(['documents'])],
    ]);
  });

  it('treats an empty setting as unset and refuses a scheme it has no adapter for', () => {
    expect(storeBackends({ DATABASE_URL: PG, EVENT_STORE_URL: ' ', READ_STORE_URL: '' }).events.kind).toBe('postgres');
    expect(() => storeBackends({ DATABASE_URL: PG, READ_STORE_URL: 'redis://cache' })).toThrow(/READ_STORE_URL: no read store for "redis:\/\/"/);
    expect(() => storeBackends({ DATABASE_URL: PG, EVENT_STORE_URL: 'mongodb://m' })).toThrow(/EVENT_STORE_URL/);
  });

  it('names KurrentDB stream prefixes after the deployment and the service', () => {
    expect(eventStoreNamespace('broker', 'identity')).toBe('broker-identity');
    expect(eventStoreNamespace('t_ab12', 'billing')).toBe('t-ab12-billing');
  });
});

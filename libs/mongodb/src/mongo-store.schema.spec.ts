import { assertDatabaseName, dataPath, documentCollectionName, fieldIndexKey, INTERNAL_COLLECTIONS } from './mongo-store.schema';

describe('MongoDB store names', () => {
  it('accepts a service database name and refuses what MongoDB refuses or reserves', () => {
    expect(() => assertDatabaseName('broker_identity')).not.toThrow();
    expect(() => assertDatabaseName('a'.repeat(63))).not.toThrow();
    for (const name of ['', 'Broker', '1broker', 'broker-identity', 'broker.identity', 'a b', 'x/y', 'a$', 'a'.repeat(64), 'admin', 'local', 'config']) {
      expect(() => assertDatabaseName(name)).toThrow(/database name/);
    }
  });

  it('puts each logical collection in rm_<name>, which no internal collection can be', () => {
    expect(documentCollectionName('users_v1')).toBe('rm_users_v1');
    for (const internal of INTERNAL_COLLECTIONS) expect(internal.startsWith('rm_')).toBe(false);
  });

  it('indexes a declared field under data, with the id after it for the tie-break', () => {
    expect(dataPath('email')).toBe('data.email');
    expect(Object.entries(fieldIndexKey('email'))).toEqual([
      ['data.email', 1],
      ['_id', 1],
    ]);
  });
});

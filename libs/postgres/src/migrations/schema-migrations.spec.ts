import { migrationsFor, pendingMigrations, SCHEMA_MIGRATIONS, SchemaNewerThanCodeError, type SchemaMigration } from './schema-migrations';

const step = (version: number, store: SchemaMigration['store']): SchemaMigration => ({ version, name: `step ${version}`, store, statements: () => [] });

describe('schema migrations', () => {
  const all = [step(3, 'documents'), step(1, 'events'), step(2, 'documents'), step(4, 'events')];

  it('keeps only the steps of the stores PostgreSQL backs, in version order', () => {
    expect(migrationsFor(new Set(['events', 'documents']), all).map((m) => m.version)).toEqual([1, 2, 3, 4]);
    expect(migrationsFor(new Set(['documents']), all).map((m) => m.version)).toEqual([2, 3]);
    expect(migrationsFor(new Set(['events']), all).map((m) => m.version)).toEqual([1, 4]);
    expect(migrationsFor(new Set(), all)).toEqual([]);
  });

  it('leaves out what was applied, whatever the order it is listed in', () => {
    const wanted = migrationsFor(new Set(['events', 'documents']), all);
    expect(pendingMigrations(wanted, [], all).map((m) => m.version)).toEqual([1, 2, 3, 4]);
    expect(pendingMigrations(wanted, [2, 1], all).map((m) => m.version)).toEqual([3, 4]);
    expect(pendingMigrations(wanted, [1, 2, 3, 4], all)).toEqual([]);
  });

  it('refuses a schema migrated by newer code rather than running on tables it does not know', () => {
    expect(() => pendingMigrations(all, [1, 2, 5], all)).toThrow(SchemaNewerThanCodeError);
    expect(() => pendingMigrations(all, [1, 2, 5], all)).toThrow(/\(5\)/);
  });

  it('ships versions that are unique and numbered from 1 without gaps', () => {
    const versions = SCHEMA_MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
    for (const migration of SCHEMA_MIGRATIONS) expect(migration.statements('broker_identity', '"broker_identity"').length).toBeGreaterThan(0);
  });
});

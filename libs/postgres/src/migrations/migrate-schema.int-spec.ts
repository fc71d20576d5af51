import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PostgresConnection } from '../connection/postgres-connection';
import { PostgresDocumentStore } from '../document-store/postgres-document-store';
import { PostgresEventStore } from '../event-store/postgres-event-store';
import { createTestSchema } from '../testing/test-schema';
import { appliedMigrations, migrateSchema, verifySchema } from './migrate-schema';
import { SCHEMA_MIGRATIONS, SchemaBehindError } from './schema-migrations';

const BOTH = new Set(['events', 'documents'] as const);
const LATEST = Math.max(...SCHEMA_MIGRATIONS.map((migration) => migration.version));

async function asAdmin<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('versioned schema migrations', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function freshConnection(databaseUrl?: string): Promise<PostgresConnection> {
    const test = await createTestSchema('mig');
    const connection = new PostgresConnection({ databaseUrl: databaseUrl ?? test.databaseUrl, schema: test.schema, maxConnections: 4 });
    cleanups.push(() => test.drop(), () => connection.close());
    return connection;
  }

  it('applies every step once, records it, and costs no DDL when the schema is current', async () => {
    const connection = await freshConnection();
    await expect(verifySchema(connection, BOTH)).rejects.toBeInstanceOf(SchemaBehindError);
    const first = await migrateSchema(connection, BOTH);
    expect(first.applied.map((migration) => migration.version)).toEqual(SCHEMA_MIGRATIONS.map((migration) => migration.version));
    expect(first.version).toBe(LATEST);
    const second = await migrateSchema(connection, BOTH);
    expect(second.applied).toEqual([]);
    expect(second.version).toBe(LATEST);
    await expect(verifySchema(connection, BOTH)).resolves.toBeUndefined();
    expect(await appliedMigrations(connection)).toEqual(SCHEMA_MIGRATIONS.map((migration) => migration.version));
  });

  it('applies each step once when several replicas migrate at the same moment', async () => {
    const connection = await freshConnection();
    const replicas = Array.from({ length: 4 }, () => new PostgresConnection({ databaseUrl: connection.databaseUrl, schema: connection.schema, maxConnections: 2 }));
    cleanups.push(async () => Promise.all(replicas.map((replica) => replica.close())).then(() => undefined));
    const reports = await Promise.all(replicas.map((replica) => migrateSchema(replica, BOTH)));
    expect(reports.flatMap((report) => report.applied).length).toBe(SCHEMA_MIGRATIONS.length);
  });

  it('migrates only the tables of the stores PostgreSQL backs', async () => {
    const connection = await freshConnection();
    await migrateSchema(connection, new Set(['documents']));
    await expect(verifySchema(connection, new Set(['documents']))).resolves.toBeUndefined();
    await expect(verifySchema(connection, BOTH)).rejects.toThrow(/lacks 1 migration\(s\): 1 \(event store/);
    const tables = await connection.pool.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY 1', [connection.schema]);
    expect(tables.rows.map((row) => row.tablename)).not.toContain('es_events');
  });

  it('adopts a schema an older release created at boot, without touching its data', async () => {
    const connection = await freshConnection();
    await connection.ensureSchema();
    const legacy = new PostgresEventStore(connection);
    await legacy.init();
    await legacy.appendToStream('order-1', [{ id: randomUUID(), type: 'Placed', data: { n: 1 } }], 'no_stream');
    await legacy.close();
    const report = await migrateSchema(connection, BOTH);
    expect(report.version).toBe(LATEST);
    const events = new PostgresEventStore(connection);
    expect(await events.readStream('order-1')).toHaveLength(1);
    await events.close();
  });

  it('lets a database user without DDL rights run the stores on a migrated schema, and not migrate one', async () => {
    const owner = await freshConnection();
    const role = `broker_app_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await asAdmin(owner.databaseUrl, (client) => client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    cleanups.push(() =>
      asAdmin(owner.databaseUrl, async (client) => {
        await client.query(`DROP OWNED BY ${role}`);
        await client.query(`DROP ROLE ${role}`);
      }),
    );
    const url = new URL(owner.databaseUrl);
    url.username = role;
    url.password = password;
    const restricted = new PostgresConnection({ databaseUrl: url.toString(), schema: owner.schema, maxConnections: 4 });
    cleanups.push(() => restricted.close());

    // Not migrated yet: the restricted user can neither verify nor create the schema.
    await expect(verifySchema(restricted, BOTH)).rejects.toBeInstanceOf(SchemaBehindError);
    await expect(migrateSchema(restricted, BOTH)).rejects.toMatchObject({ code: '42501' });

    await migrateSchema(owner, BOTH, { grantTo: role });
    const ownerDocuments = new PostgresDocumentStore(owner);
    await ownerDocuments.ensureCollection({ name: 'orders_v1', indexes: { status: 'string' } });

    await expect(verifySchema(restricted, BOTH)).resolves.toBeUndefined();
    await expect(migrateSchema(restricted, BOTH)).resolves.toMatchObject({ applied: [] });
    const events = new PostgresEventStore(restricted);
    const appended = await events.appendToStream('order-2', [{ id: randomUUID(), type: 'Placed', data: { n: 2 } }], 'no_stream');
    expect(appended.nextExpectedRevision).toBe(0n);
    // The global log shows a commit once no older transaction anywhere is open (gap safety): other suites run meanwhile.
    let read = await events.readAll();
    for (const deadline = Date.now() + 10_000; read.events.length === 0 && Date.now() < deadline; read = await events.readAll()) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(read.events.map((event) => event.streamId)).toEqual(['order-2']);
    await events.close();
    const documents = new PostgresDocumentStore(restricted);
    await documents.ensureCollection({ name: 'orders_v1', indexes: { status: 'string' } });
    await documents.upsert('orders_v1', 'o2', { status: 'placed' });
    expect((await documents.find('orders_v1', { where: { status: 'placed' } })).items.map((item) => item.id)).toEqual(['o2']);
    // A collection nobody migrated needs an index, which only the owner may create.
    await expect(documents.ensureCollection({ name: 'other_v1', indexes: { kind: 'string' } })).rejects.toMatchObject({ code: '42501' });
  });
});

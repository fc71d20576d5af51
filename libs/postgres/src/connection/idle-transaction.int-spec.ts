import { Client } from 'pg';
import { createTestSchema } from '../testing/test-schema';
import { PostgresConnection } from './postgres-connection';

describe('a transaction left idle (its process frozen between statements)', () => {
  it('is ended by the server after the idle timeout: its locks are freed and its changes rolled back', async () => {
    const test = await createTestSchema('idle_tx');
    const connection = new PostgresConnection({ databaseUrl: test.databaseUrl, schema: test.schema, idleInTransactionTimeoutMs: 500 });
    const other = new Client({ connectionString: test.databaseUrl });
    await other.connect();
    try {
      await connection.ensureSchema();
      await connection.pool.query(`CREATE TABLE ${connection.qschema}.counter (n int)`);
      await connection.pool.query(`INSERT INTO ${connection.qschema}.counter VALUES (0)`);
      let locked!: () => void;
      const rowLocked = new Promise<void>((resolve) => (locked = resolve));
      const held = connection.transaction(async (client) => {
        await client.query(`UPDATE ${connection.qschema}.counter SET n = n + 1`);
        locked();
        // Nothing happens on this session for longer than the timeout, as in a frozen process.
        await new Promise((resolve) => setTimeout(resolve, 2000));
      });
      held.catch(() => undefined);
      await rowLocked;
      const started = Date.now();
      await other.query(`UPDATE ${connection.qschema}.counter SET n = n + 10`);
      expect(Date.now() - started).toBeLessThan(1800);
      await expect(held).rejects.toThrow();
      expect((await other.query(`SELECT n FROM ${connection.qschema}.counter`)).rows).toEqual([{ n: 10 }]);
    } finally {
      await other.end();
      await connection.close();
      await test.drop();
    }
  });
});

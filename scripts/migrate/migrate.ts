/**
 * `npm run migrate`: brings every backing service's stores up to date (PostgreSQL schema migrations, MongoDB and
 * collection indexes) and exits. Reads the services' own settings from the environment (DATABASE_URL,
 * DEPLOYMENT_NAME, EVENT_STORE_URL, READ_STORE_URL); MIGRATE_GRANT_TO names a database role that gets the data
 * rights the services need, so they can run as that role with SCHEMA_MIGRATIONS=verify.
 */
import { resolve } from 'node:path';
import { runMigrations } from './run-migrations';

const root = resolve(__dirname, '../../..');

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Migrating the stores of deployment "${process.env.DEPLOYMENT_NAME ?? 'broker'}"...`);
  await runMigrations({ root, env: process.env });
  console.log(`Migrations done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

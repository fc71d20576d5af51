import { deploymentNames } from '@broker/contracts';
import { BaseServiceConfig, loadConfigOrExit } from '@broker/platform';
import { ensureDatabase, PostgresLeaseLock, PostgresConnection, PostgresDocumentStore, PostgresEventStore } from '@broker/postgres';

export interface BillingStores {
  /** Where the stores are, for the operator: deployment, database (without credentials) and schema. */
  description: string;
  connection: PostgresConnection;
  events: PostgresEventStore;
  documents: PostgresDocumentStore;
  leaderLock: PostgresLeaseLock;
  close(): Promise<void>;
}

function withoutCredentials(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.username = '';
    url.password = '';
    return url.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/**
 * The billing service's own stores, found exactly as the service finds them: DATABASE_URL and DEPLOYMENT_NAME from
 * the environment (the same variables, validated the same way), schema `<deployment>_billing`.
 */
export async function openBillingStores(env: NodeJS.ProcessEnv = process.env): Promise<BillingStores> {
  const config = loadConfigOrExit(BaseServiceConfig, env);
  const names = deploymentNames(config.DEPLOYMENT_NAME);
  const schema = names.schema('billing');
  await ensureDatabase(config.DATABASE_URL);
  const connection = new PostgresConnection({ databaseUrl: config.DATABASE_URL, schema, applicationName: `${names.deployment}-billing-tools` });
  await connection.ensureSchema();
  const events = new PostgresEventStore(connection);
  await events.init();
  const documents = new PostgresDocumentStore(connection);
  await documents.init();
  const leaderLock = new PostgresLeaseLock(connection);
  return {
    description: `deployment ${names.deployment}, database ${withoutCredentials(config.DATABASE_URL)}, schema ${schema}`,
    connection,
    events,
    documents,
    leaderLock,
    async close() {
      await leaderLock.close().catch(() => undefined);
      await events.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}

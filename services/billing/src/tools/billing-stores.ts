import { deploymentNames } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { BaseServiceConfig, loadConfigOrExit } from '@broker/platform';
import type { DocumentStore, LeaderLock } from '@broker/read-models';
import { openServiceStores } from '@broker/runtime';

export interface BillingStores {
  /** Where the stores are, for the operator: deployment and each store, without credentials. */
  description: string;
  events: EventStore;
  documents: DocumentStore;
  leaderLock: LeaderLock;
  /** How many events of these types the store holds, or null when its backend cannot say cheaply (KurrentDB). */
  countEvents(types: readonly string[]): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * The billing service's own stores, found exactly as the service finds them: DATABASE_URL, EVENT_STORE_URL,
 * READ_STORE_URL, DEPLOYMENT_NAME and SCHEMA_MIGRATIONS from the environment (the same variables, validated the same
 * way).
 */
export async function openBillingStores(env: NodeJS.ProcessEnv = process.env): Promise<BillingStores> {
  const config = loadConfigOrExit(BaseServiceConfig, env);
  const names = deploymentNames(config.DEPLOYMENT_NAME);
  const stores = await openServiceStores({ service: 'billing', names, settings: config });
  const connection = stores.eventsConnection;
  return {
    description: `deployment ${names.deployment}; events: ${stores.description.events}; read models: ${stores.description.documents}`,
    events: stores.eventStore,
    documents: stores.documentStore,
    leaderLock: stores.leaderLock,
    async countEvents(types) {
      if (!connection) return null;
      const result = await connection.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${connection.qschema}.es_events WHERE type = ANY($1::text[])`, [[...types]]);
      return Number(result.rows[0]?.n ?? 0);
    },
    close: () => stores.close(),
  };
}

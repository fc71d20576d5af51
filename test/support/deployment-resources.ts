import { connect } from 'nats';
import { Client } from 'pg';
import { BACKING_SERVICES, type DeploymentNames } from '@broker/contracts';

const SERVICES = ['gateway', ...BACKING_SERVICES] as const;

/**
 * Removes what a deployment left on the servers: the services' schemas and, on a server without authorization (a
 * server with users is a test's own, and its streams go with it), the JetStream stream and idempotency bucket.
 */
export async function removeDeploymentResources(names: DeploymentNames, databaseUrl: string, natsUrl: string | null): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const service of SERVICES) await db.query(`DROP SCHEMA IF EXISTS "${names.schema(service)}" CASCADE`);
  } finally {
    await db.end();
  }
  if (natsUrl === null) return;
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.delete(names.eventStream).catch(() => undefined);
    await jsm.streams.delete(`KV_${names.idempotencyBucket}`).catch(() => undefined);
    // Rate-limit counts go over core NATS (names.rateLimitSubject): nothing is kept to remove.
  } finally {
    await nc.close();
  }
}

import type { Type } from '@nestjs/common';
import { deploymentNames, type ServiceName } from '@broker/contracts';
import { PARKED_MESSAGES_COLLECTION, UNFINISHED_DELIVERIES_COLLECTION } from '@broker/messaging';
import { BaseServiceConfig, createLogger, loadConfigOrExit } from '@broker/platform';
import { ensureActiveVersion, projectionCollection, type CollectionDefinition, type DocumentStore } from '@broker/read-models';
import { serviceParts } from '../service-module';
import { openServiceStores } from '../stores/open-service-stores';

/**
 * Every collection a service writes, with its indexes: what its modules declare, its projections (versioned ones
 * at their active version) and the consumers' parked messages. Creating their indexes is DDL, so the migrate
 * command does it and the service, on a user without DDL rights, finds them made.
 */
export async function declaredCollections(module: Type<unknown>, documents: DocumentStore): Promise<CollectionDefinition[]> {
  const parts = serviceParts(module);
  const collections: CollectionDefinition[] = [...parts.collections, PARKED_MESSAGES_COLLECTION, UNFINISHED_DELIVERIES_COLLECTION];
  for (const projection of parts.projections) collections.push({ name: projectionCollection(projection), indexes: { ...(projection.indexes ?? {}) } });
  for (const set of parts.versionedProjections) {
    const version = await ensureActiveVersion(documents.checkpoints, set);
    for (const projection of set.at(version)) collections.push({ name: projectionCollection(projection), indexes: { ...(projection.indexes ?? {}) } });
  }
  const byName = new Map<string, CollectionDefinition>();
  for (const collection of collections) byName.set(collection.name, collection);
  return [...byName.values()];
}

/**
 * `<service>/main.js migrate`: brings the service's stores up to date and exits: PostgreSQL schema migrations (with
 * rights for MIGRATE_GRANT_TO when set), MongoDB indexes, and the indexes of every declared collection. Run with a
 * database user that may create tables; the services may then run with one that may not (SCHEMA_MIGRATIONS=verify).
 */
export async function migrateService(definition: { service: ServiceName; module: Type<unknown> }): Promise<void> {
  // Only the stores' settings: the job that migrates needs none of a service's secrets.
  const config = loadConfigOrExit(BaseServiceConfig);
  const logger = createLogger({ service: definition.service, level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  const names = deploymentNames(config.DEPLOYMENT_NAME);
  const grantTo = process.env.MIGRATE_GRANT_TO?.trim() || undefined;
  const started = Date.now();
  const stores = await openServiceStores({
    service: definition.service,
    names,
    settings: { ...config, SCHEMA_MIGRATIONS: 'apply' },
    logger,
    ...(grantTo ? { migrate: { grantTo } } : {}),
  });
  try {
    const collections = await declaredCollections(definition.module, stores.documentStore);
    for (const collection of collections) await stores.documentStore.ensureCollection(collection);
    const schemas = stores.migrations.map(
      (report) => `schema ${report.schema} at version ${report.version}${report.applied.length > 0 ? ` (applied ${report.applied.map((m) => m.version).join(', ')})` : ' (already current)'}`,
    );
    const where = [...schemas, ...(stores.backends.events.kind === 'kurrentdb' ? [stores.description.events] : []), ...(stores.backends.documents.kind === 'mongodb' ? [stores.description.documents] : [])];
    console.log(`${definition.service}: ${where.join('; ')}; ${collections.length} collections and their indexes ready${grantTo ? `; data rights granted to ${grantTo}` : ''} (${Date.now() - started} ms)`);
  } finally {
    await stores.close();
  }
}

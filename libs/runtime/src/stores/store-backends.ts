/**
 * Which server keeps a service's events and which its read models, from its configuration. PostgreSQL
 * (DATABASE_URL) is the default of both; EVENT_STORE_URL and READ_STORE_URL move either to KurrentDB or MongoDB.
 */
export type EventStoreBackend = { kind: 'postgres'; url: string } | { kind: 'kurrentdb'; url: string };
export type ReadStoreBackend = { kind: 'postgres'; url: string } | { kind: 'mongodb'; url: string };

export interface StoreBackends {
  events: EventStoreBackend;
  documents: ReadStoreBackend;
}

export interface StoreSettings {
  DATABASE_URL: string;
  EVENT_STORE_URL?: string | undefined;
  READ_STORE_URL?: string | undefined;
}

function schemeOf(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url);
  return match ? match[1]!.toLowerCase() : '';
}

export function storeBackends(settings: StoreSettings): StoreBackends {
  const eventsUrl = settings.EVENT_STORE_URL?.trim() || settings.DATABASE_URL;
  const documentsUrl = settings.READ_STORE_URL?.trim() || settings.DATABASE_URL;
  const eventsScheme = schemeOf(eventsUrl);
  const documentsScheme = schemeOf(documentsUrl);
  let events: EventStoreBackend;
  if (eventsScheme === 'postgres' || eventsScheme === 'postgresql') events = { kind: 'postgres', url: eventsUrl };
  else if (['kurrentdb', 'kurrentdb+discover', 'esdb', 'esdb+discover'].includes(eventsScheme)) events = { kind: 'kurrentdb', url: eventsUrl };
  else throw new Error(`EVENT_STORE_URL: no event store for "${eventsScheme}://" (postgres://, kurrentdb:// or esdb://)`);
  let documents: ReadStoreBackend;
  if (documentsScheme === 'postgres' || documentsScheme === 'postgresql') documents = { kind: 'postgres', url: documentsUrl };
  else if (documentsScheme === 'mongodb' || documentsScheme === 'mongodb+srv') documents = { kind: 'mongodb', url: documentsUrl };
  else throw new Error(`READ_STORE_URL: no read store for "${documentsScheme}://" (postgres:// or mongodb://)`);
  return { events, documents };
}

/** The PostgreSQL databases the service uses (one URL each, usually one), with the stores each one backs. */
export function postgresParts(backends: StoreBackends): Map<string, Set<'events' | 'documents'>> {
  const parts = new Map<string, Set<'events' | 'documents'>>();
  if (backends.events.kind === 'postgres') parts.set(backends.events.url, new Set(['events']));
  if (backends.documents.kind === 'postgres') {
    const stores = parts.get(backends.documents.url) ?? new Set();
    stores.add('documents');
    parts.set(backends.documents.url, stores);
  }
  return parts;
}

/** MongoDB keeps one database per service and deployment, named like the PostgreSQL schema. */
export function readStoreDatabaseName(schema: string): string {
  return schema;
}

/** KurrentDB is shared by services and deployments: each one's streams carry this prefix. */
export function eventStoreNamespace(deployment: string, service: string): string {
  return `${deployment}-${service}`.replace(/_/g, '-');
}

export * from './connection/identifiers';
export * from './connection/postgres-connection';

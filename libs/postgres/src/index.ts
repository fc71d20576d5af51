export * from './connection/identifiers';
export * from './connection/postgres-connection';
export * from './connection/resilient-pool';
export * from './connection/transient-errors';
export * from './event-store/postgres-event-store';
export * from './document-store/postgres-document-store';
export * from './locks/advisory-lock-key';
export * from './leases/postgres-lease-lock';

export * from './test-schema';
export * from './held-event-append';
export * from './private-postgres-cluster';

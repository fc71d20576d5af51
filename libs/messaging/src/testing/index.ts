export * from './jetstream-test-kit';
export * from './private-nats-server';
export * from './integration-envelope';

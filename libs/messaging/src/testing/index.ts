export * from './jetstream-test-kit';
export * from './private-nats-server';

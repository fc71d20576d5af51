export * from './jetstream-test-kit';

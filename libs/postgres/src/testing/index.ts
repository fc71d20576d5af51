export * from './test-schema';

export * from './test-schema';
export * from './held-event-append';

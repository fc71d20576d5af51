export * from './decider/decider';
export * from './event-store/event-store.port';
export * from './event-store/event-store.errors';
export * from './event-store/append-rules';
export * from './errors/domain-error';
export * from './errors/invalid-input.error';
export * from './command-handling';
export * from './upcasting';

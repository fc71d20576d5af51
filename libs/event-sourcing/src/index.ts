export * from './decider/decider';
export * from './event-store/event-store.port';
export * from './event-store/event-store.errors';

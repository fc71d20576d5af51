export * from './kurrentdb-event-store';
export { isTransientKurrentDbError } from './kurrentdb-transient-errors';

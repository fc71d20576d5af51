export * from './integration-event';
export * from './naming';

export * from './document-store/document-store.port';
export * from './projections/projection';
export * from './document-store/document-store.errors';
export * from './document-store/document-store.rules';
export * from './projections/leader-lock.port';
export * from './projections/leader-loop';
export * from './projections/projection-batch';
export * from './projections/projection-runner';

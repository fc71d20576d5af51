export * from './document-store/document-store.port';
export * from './projections/projection';

export * from './document-store-contract';
export * from './in-memory-document-store';
export * from './in-memory-leader-lock';
export * from './leader-lock-contract';
export * from './movable-clock';

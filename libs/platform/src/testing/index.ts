export * from './free-port';
export * from './compiled-build';
export * from './test-child';

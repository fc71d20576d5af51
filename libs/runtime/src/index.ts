export * from './command-metadata';
export * from './health.controller';
export * from './run-service';
export * from './runtime.tokens';
export * from './organization-access/organization-access';
export * from './service-module';
export * from './service-runtime';
export * from './stores/open-service-stores';

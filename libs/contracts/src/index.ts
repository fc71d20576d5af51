// DTO decorators record type metadata as the module loads, so the polyfill must come first.
import 'reflect-metadata';

export * from './integration-event';
export * from './naming';
export * from './auth/actor';
export * from './health/health.rpc';
export * from './identity/auth.rpc';
export * from './identity/user.rpc';
export * from './organizations/reseller.rpc';
export * from './organizations/organizations.events';
export * from './ids/name-based-id';

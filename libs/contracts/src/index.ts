// DTO decorators record type metadata as the module loads, so the polyfill must come first.
import 'reflect-metadata';

export * from './event-contract';
export * from './integration-event';
export * from './naming';
export * from './rpc-contract';
export * from './auth/actor';
export * from './auth/actor-assertion';
export * from './auth/support-access';
export * from './auth/organization-tenant';
export * from './health/health.rpc';
export * from './ids/name-based-id';
export * from './approvals';
export * from './billing';
export * from './catalog';
export * from './identity';
export * from './organizations';
export * from './notifications';
export * from './shared/plain-text';
export * from './operations';

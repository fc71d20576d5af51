export * from './organization-lookup.rpc';
export * from './organizations.events';
export * from './reseller.rpc';

export * from './calendar-date';
export * from './domain-name';
export * from './organization.rpc';
export * from './organization-lookup.rpc';
export * from './organizations.events';
export * from './reseller.rpc';
export * from './support-request.events';
export * from './support-request.rpc';

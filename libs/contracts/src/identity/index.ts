export * from './auth.rpc';
export * from './domain-usage.rpc';
export * from './identity.events';
export * from './user.rpc';

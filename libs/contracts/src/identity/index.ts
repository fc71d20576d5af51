export * from './auth.rpc';
export * from './internet-domain-usage.rpc';
export * from './identity.events';
export * from './organization-users.rpc';
export * from './own-password.rpc';
export * from './user.rpc';
export * from './user-import.rpc';
export * from './user-import-job.rpc';

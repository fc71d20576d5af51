export * from './billing.rpc';

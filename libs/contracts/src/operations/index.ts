export * from './parked.rpc';

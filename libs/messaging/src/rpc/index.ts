export * from './rpc-headers';
export * from './rpc-error';
export * from './rpc-status';
export * from './rpc-call.error';
export * from './rpc-error.filter';
export * from './prefixed-nats.server';
export * from './prefixed-nats.client';
export * from './rpc-client';

export * from './catalog.events';
export * from './product.rpc';
export * from './quote.rpc';
export * from './store.rpc';
export * from './subscription.rpc';

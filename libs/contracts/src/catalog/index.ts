export * from './catalog.events';
export * from './quote.rpc';

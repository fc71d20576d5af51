// Also a production helper (npm start picks its nats-server port with it): it lives in network/.
export { freeLoopbackPort } from '../network/free-port';
export * from './compiled-build';
export * from './test-child';
export * from './prometheus-text';

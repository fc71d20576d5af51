export {};
export * from './jetstream/event-stream';
export * from './jetstream/integration-event-codec';
export * from './jetstream/outbox-publisher';
export * from './jetstream/integration-event-consumer';
export * from './jetstream/parked-messages';
export * from './jetstream/jetstream.errors';
export { stderrJetStreamLogger, type JetStreamLogger } from './jetstream/jetstream-logger';
export * from './rpc';

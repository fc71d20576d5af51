export * from './actor-assertion';
export * from './actor-assertion-verifier';
export * from './nats-permissions';

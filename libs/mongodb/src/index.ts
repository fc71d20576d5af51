export * from './mongo-document-store';
export * from './mongo-lease-lock';
export { isTransientMongoError } from './mongo-errors';

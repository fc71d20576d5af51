/** Typed errors every document-store adapter throws, beside the three declared in the port file. */

/** `find` on a collection whose definition this store does not know (ensureCollection was never called for it). */
export class UnknownCollectionError extends Error {
  readonly code = 'READ_MODEL.UNKNOWN_COLLECTION';
  constructor(readonly collection: string) {
    super(`Collection ${collection} is not defined: call ensureCollection first`);
    this.name = 'UnknownCollectionError';
  }
}

/** A query the port does not allow: limit out of range, a cursor of another query, a value of the wrong type. */
export class InvalidQueryError extends Error {
  readonly code = 'READ_MODEL.INVALID_QUERY';
  constructor(readonly collection: string, readonly reason: string) {
    super(`Invalid query on ${collection}: ${reason}`);
    this.name = 'InvalidQueryError';
  }
}

/** A document or definition the store refuses: not a plain object, bad names, an indexed field of the wrong type. */
export class InvalidDocumentError extends Error {
  readonly code = 'READ_MODEL.INVALID_DOCUMENT';
  constructor(readonly collection: string, readonly reason: string) {
    super(`Invalid document for ${collection}: ${reason}`);
    this.name = 'InvalidDocumentError';
  }
}

/** The unit of work was used after it committed or rolled back. */
export class UnitOfWorkClosedError extends Error {
  readonly code = 'READ_MODEL.UNIT_OF_WORK_CLOSED';
  constructor() {
    super('The unit of work has already finished');
    this.name = 'UnitOfWorkClosedError';
  }
}

/** A statement inside the unit failed (and was caught), so the database rolled the whole unit back at commit. */
export class UnitOfWorkAbortedError extends Error {
  readonly code = 'READ_MODEL.UNIT_OF_WORK_ABORTED';
  constructor() {
    super('The unit of work was rolled back: a statement inside it failed');
    this.name = 'UnitOfWorkAbortedError';
  }
}

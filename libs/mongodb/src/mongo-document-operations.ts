import {
  assertCollectionName,
  assertDocument,
  assertDocumentId,
  DocumentVersionConflictError,
  encodeFindCursor,
  resolveFindQuery,
  UnknownCollectionError,
  type CollectionDefinition,
  type FindQuery,
  type FindResult,
  type StoredDocument,
} from '@broker/read-models';
import type { mongo } from 'mongoose';
import { buildMongoFind, sortValueOf } from './find-query.mongo';
import { isWriteConflict } from './mongo-errors';
import { documentCollectionName, type DocumentRow } from './mongo-store.schema';

/** The unit's session, or undefined for a statement of its own; throws when the unit has ended. */
export type SessionSource = () => mongo.ClientSession | undefined;
export type DefinitionLookup = (collection: string) => Promise<CollectionDefinition | null>;

/**
 * The document operations, each either a statement of its own or a statement of a unit's transaction. Documents
 * are schemaless JSON, so they go through the driver's collections (via the mongoose connection): a mongoose Model
 * would add casting and validation that the shared rules already do.
 */
export class MongoDocumentOperations {
  constructor(
    private readonly db: mongo.Db,
    private readonly session: SessionSource,
    private readonly definitionOf: DefinitionLookup,
  ) {}

  async get<T>(collection: string, id: string): Promise<StoredDocument<T> | null> {
    const session = this.session();
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const row = await this.documents(collection).findOne({ _id: id }, { session });
    return row ? { id, data: row.data as T, version: row.version } : null;
  }

  async find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    const session = this.session();
    assertCollectionName(collection);
    const definition = await this.definitionOf(collection);
    if (!definition) throw new UnknownCollectionError(collection);
    const resolved = resolveFindQuery(definition, query);
    const { filter, sort, limit } = buildMongoFind(collection, resolved);
    const rows = await this.documents(collection).find(filter, { sort, limit, session }).toArray();
    const page = rows.slice(0, resolved.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > resolved.limit && last
        ? encodeFindCursor({
            field: resolved.sort?.field ?? null,
            direction: resolved.direction,
            value: resolved.sort ? sortValueOf(last.data, resolved.sort.field) : null,
            id: last._id,
          })
        : null;
    return { items: page.map((row) => ({ id: row._id, data: row.data as T, version: row.version })), nextCursor };
  }

  async upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    const session = this.session();
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const definition = await this.definitionOf(collection);
    assertDocument(collection, data, definition?.indexes);
    // Stored as its JSON, as the PostgreSQL adapter does: undefined fields vanish instead of becoming BSON nulls.
    const stored = JSON.parse(JSON.stringify(data)) as T;
    const documents = this.documents(collection);
    let version: number | null;
    try {
      if (expectedVersion === undefined) {
        // $inc on a missing field sets it to 1: an insert starts at version 1.
        const row = await documents.findOneAndUpdate(
          { _id: id },
          { $set: { data: stored }, $inc: { version: 1 } },
          { upsert: true, returnDocument: 'after', projection: { version: 1 }, session },
        );
        version = row?.version ?? null;
      } else if (expectedVersion === 0) {
        const result = await documents.updateOne({ _id: id }, { $setOnInsert: { data: stored, version: 1 } }, { upsert: true, session });
        version = result.upsertedCount === 1 ? 1 : null;
      } else {
        const result = await documents.updateOne(
          { _id: id, version: expectedVersion },
          { $set: { data: stored }, $inc: { version: 1 } },
          { session },
        );
        version = result.matchedCount === 1 ? expectedVersion + 1 : null;
      }
    } catch (error) {
      // Inside a unit, another open unit writing the same document: with an expected version that is the conflict
      // the caller asked to hear about. Without one, the driver's transient error goes up (the unit is aborted).
      if (expectedVersion === undefined || !session || !isWriteConflict(error)) throw error;
      version = null;
    }
    if (version === null) {
      // Outside the session: the unit may be aborted already, and the caller wants the latest committed version.
      const actual = await this.documents(collection).findOne({ _id: id }, { projection: { version: 1 } });
      throw new DocumentVersionConflictError(collection, id, expectedVersion ?? 0, actual?.version ?? null);
    }
    return { id, data: stored, version };
  }

  async delete(collection: string, id: string): Promise<boolean> {
    const session = this.session();
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const result = await this.documents(collection).deleteOne({ _id: id }, { session });
    return result.deletedCount > 0;
  }

  async clear(collection: string): Promise<void> {
    const session = this.session();
    assertCollectionName(collection);
    await this.documents(collection).deleteMany({}, { session });
  }

  private documents(collection: string): mongo.Collection<DocumentRow> {
    return this.db.collection<DocumentRow>(documentCollectionName(collection));
  }
}

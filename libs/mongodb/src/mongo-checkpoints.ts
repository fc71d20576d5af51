import { CheckpointConflictError, type Checkpoints } from '@broker/read-models';
import type { mongo } from 'mongoose';
import type { SessionSource } from './mongo-document-operations';
import { isRacedWrite } from './mongo-errors';
import { CHECKPOINTS_COLLECTION, type CheckpointRow } from './mongo-store.schema';

/** Compare-and-set checkpoints, one document per name. The fenced save is composed by the store and the unit. */
export class MongoCheckpoints implements Pick<Checkpoints, 'read'> {
  constructor(
    private readonly db: mongo.Db,
    private readonly session: SessionSource,
  ) {}

  async read(name: string): Promise<string | null> {
    const session = this.session();
    const row = await this.checkpoints().findOne({ _id: name }, { session });
    return row?.value ?? null;
  }

  async save(name: string, next: string, expected: string | null): Promise<void> {
    const session = this.session();
    const checkpoints = this.checkpoints();
    let saved: boolean;
    try {
      const result =
        expected === null
          ? await checkpoints.updateOne({ _id: name }, { $setOnInsert: { value: next, updatedAt: new Date() } }, { upsert: true, session })
          : await checkpoints.updateOne({ _id: name, value: expected }, { $set: { value: next, updatedAt: new Date() } }, { session });
      saved = expected === null ? result.upsertedCount === 1 : result.matchedCount === 1;
    } catch (error) {
      // Inside a unit, a concurrent unit is saving the same checkpoint (MongoDB fails the later writer at once rather
      // than letting it wait): that is the lost compare-and-set. Outside a unit the server retries on its own.
      if (!session || !isRacedWrite(error)) throw error;
      saved = false;
    }
    if (!saved) {
      // Outside the session: the latest committed value (the unit may be aborted already).
      const actual = await checkpoints.findOne({ _id: name });
      throw new CheckpointConflictError(name, expected, actual?.value ?? null);
    }
  }

  private checkpoints(): mongo.Collection<CheckpointRow> {
    return this.db.collection<CheckpointRow>(CHECKPOINTS_COLLECTION);
  }
}

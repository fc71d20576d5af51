import type { Inbox } from '@broker/read-models';
import type { mongo } from 'mongoose';
import type { SessionSource } from './mongo-document-operations';
import { INBOX_COLLECTION, type InboxRow } from './mongo-store.schema';

export class MongoInbox implements Inbox {
  constructor(
    private readonly db: mongo.Db,
    private readonly session: SessionSource,
  ) {}

  /**
   * An upsert that changes nothing when the entry exists, instead of an insert that fails on the unique index: a
   * duplicate-key error inside a transaction would abort the whole unit.
   */
  async tryRecord(consumer: string, messageId: string): Promise<boolean> {
    const session = this.session();
    const result = await this.db
      .collection<InboxRow>(INBOX_COLLECTION)
      .updateOne({ consumer, messageId }, { $setOnInsert: { recordedAt: new Date() } }, { upsert: true, session });
    return result.upsertedCount === 1;
  }
}

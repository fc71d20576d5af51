import type { UnitOfWork } from '../document-store/document-store.port';

/** A batch's documents as they are now (null: none), in one round trip when the store can, else one per document. */
export async function loadDocuments<Doc>(uow: UnitOfWork, collection: string, ids: readonly string[]): Promise<Map<string, Doc | null>> {
  const loaded = new Map<string, Doc | null>();
  if (uow.getMany) {
    const found = await uow.getMany<Doc>(collection, ids);
    for (const id of ids) loaded.set(id, found.get(id)?.data ?? null);
    return loaded;
  }
  for (const id of ids) loaded.set(id, (await uow.get<Doc>(collection, id))?.data ?? null);
  return loaded;
}

/**
 * Writes what a batch made of its documents: each document upserted, each that became null deleted (when it
 * existed). One statement for the upserts and one for the deletes when the store can, else one per document.
 */
export async function writeDocuments<Doc>(uow: UnitOfWork, collection: string, documents: ReadonlyMap<string, Doc | null>, loaded: ReadonlyMap<string, Doc | null>): Promise<void> {
  const upserts: { id: string; data: Doc }[] = [];
  const deletes: string[] = [];
  for (const [id, document] of documents) {
    if (document !== null) upserts.push({ id, data: document });
    else if ((loaded.get(id) ?? null) !== null) deletes.push(id);
  }
  if (uow.upsertMany && uow.deleteMany) {
    await uow.upsertMany(collection, upserts);
    await uow.deleteMany(collection, deletes);
    return;
  }
  for (const { id, data } of upserts) await uow.upsert(collection, id, data);
  for (const id of deletes) await uow.delete(collection, id);
}

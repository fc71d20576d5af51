import {
  CheckpointConflictError,
  DocumentVersionConflictError,
  LeaseFencedError,
  type Checkpoints,
  type CollectionDefinition,
  type DocumentStore,
  type FindQuery,
  type FindResult,
  type Inbox,
  type StoredDocument,
  type UnitOfWork,
} from '../document-store/document-store.port';
import { UnitOfWorkClosedError, UnknownCollectionError } from '../document-store/document-store.errors';
import {
  assertCollectionDefinition,
  assertCollectionName,
  assertDocument,
  assertDocumentId,
  compareStrings,
  encodeFindCursor,
  resolveFindQuery,
} from '../document-store/document-store.rules';
import type { LeaseFence } from '../projections/leader-lock.port';
import { InMemoryLockRegistry } from './in-memory-leader-lock';

interface Entry {
  data: unknown;
  version: number;
}

export interface InMemoryDocumentStoreOptions {
  /** The leases units of work fence on; give InMemoryLeaderLock the same registry. Default: a registry of its own. */
  leases?: InMemoryLockRegistry;
}

/**
 * The document-store port in memory, for unit tests; it passes the same contract suite as the real adapters.
 * Units of work behave like READ COMMITTED transactions: a write locks its key until the unit ends (a second
 * writer of that key waits, then sees the committed value), reads see committed data plus the unit's own writes.
 */
export class InMemoryDocumentStore implements DocumentStore {
  readonly checkpoints: Checkpoints;
  readonly leases: InMemoryLockRegistry;
  private readonly documents = new Map<string, Map<string, Entry>>();
  private readonly savedCheckpoints = new Map<string, string>();
  private readonly inboxEntries = new Set<string>();
  private readonly definitions = new Map<string, CollectionDefinition>();
  private readonly locks = new Map<string, { owner: MemoryUnit; released: Promise<void>; release: () => void }>();
  private closed = false;

  constructor(options: InMemoryDocumentStoreOptions = {}) {
    this.leases = options.leases ?? new InMemoryLockRegistry();
    this.checkpoints = {
      read: (name) => this.unitOfWork((uow) => uow.checkpoints.read(name)),
      save: (name, next, expected, fence) => this.unitOfWork((uow) => uow.checkpoints.save(name, next, expected, fence)),
    };
  }

  async ensureCollection(definition: CollectionDefinition): Promise<void> {
    assertCollectionDefinition(definition);
    this.definitions.set(definition.name, { name: definition.name, indexes: { ...(definition.indexes ?? {}) } });
  }

  get<T>(collection: string, id: string): Promise<StoredDocument<T> | null> {
    return this.unitOfWork((uow) => uow.get<T>(collection, id));
  }
  find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    return this.unitOfWork((uow) => uow.find<T>(collection, query));
  }
  upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    return this.unitOfWork((uow) => uow.upsert<T>(collection, id, data, expectedVersion));
  }
  delete(collection: string, id: string): Promise<boolean> {
    return this.unitOfWork((uow) => uow.delete(collection, id));
  }
  clear(collection: string): Promise<void> {
    return this.unitOfWork((uow) => uow.clear(collection));
  }

  async unitOfWork<R>(work: (uow: UnitOfWork) => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('The document store is closed');
    const unit = new MemoryUnit(this);
    try {
      const result = await work(unit);
      unit.commit();
      return result;
    } finally {
      unit.finish();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** @internal */
  committedDocument(collection: string, id: string): Entry | undefined {
    return this.documents.get(collection)?.get(id);
  }
  /** @internal */
  committedIds(collection: string): string[] {
    return [...(this.documents.get(collection)?.keys() ?? [])];
  }
  /** @internal */
  committedCheckpoint(name: string): string | null {
    return this.savedCheckpoints.get(name) ?? null;
  }
  /** @internal */
  hasInboxEntry(key: string): boolean {
    return this.inboxEntries.has(key);
  }
  /** @internal */
  definition(collection: string): CollectionDefinition | undefined {
    return this.definitions.get(collection);
  }

  /** @internal Waits until no other unit holds `key`, then holds it for `unit`. */
  async lock(key: string, unit: MemoryUnit): Promise<void> {
    for (;;) {
      const held = this.locks.get(key);
      if (!held) break;
      if (held.owner === unit) return;
      await held.released;
    }
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.locks.set(key, { owner: unit, released, release });
  }

  /** @internal */
  unlockAll(unit: MemoryUnit): void {
    for (const [key, held] of [...this.locks]) {
      if (held.owner !== unit) continue;
      this.locks.delete(key);
      held.release();
    }
  }

  /** @internal */
  apply(documents: Map<string, Map<string, Entry | null>>, checkpoints: Map<string, string>, inbox: Set<string>): void {
    for (const [collection, changes] of documents) {
      const target = this.documents.get(collection) ?? new Map<string, Entry>();
      for (const [id, entry] of changes) {
        if (entry) target.set(id, entry);
        else target.delete(id);
      }
      this.documents.set(collection, target);
    }
    for (const [name, value] of checkpoints) this.savedCheckpoints.set(name, value);
    for (const key of inbox) this.inboxEntries.add(key);
  }
}

class MemoryUnit implements UnitOfWork {
  readonly checkpoints: Checkpoints;
  readonly inbox: Inbox;
  private readonly documents = new Map<string, Map<string, Entry | null>>();
  private readonly savedCheckpoints = new Map<string, string>();
  private readonly inboxEntries = new Set<string>();
  private readonly pinned: string[] = [];
  private finished = false;

  constructor(private readonly store: InMemoryDocumentStore) {
    this.checkpoints = {
      read: async (name) => {
        this.assertLive();
        return this.checkpoint(name);
      },
      save: async (name, next, expected, fence) => {
        this.assertLive();
        if (fence) await this.fence(fence);
        await this.store.lock(`checkpoint\u0000${name}`, this);
        const actual = this.checkpoint(name);
        if (actual !== expected) throw new CheckpointConflictError(name, expected, actual);
        this.savedCheckpoints.set(name, next);
      },
    };
    this.inbox = {
      tryRecord: async (consumer, messageId) => {
        this.assertLive();
        const key = `${consumer}\u0000${messageId}`;
        await this.store.lock(`inbox\u0000${key}`, this);
        if (this.inboxEntries.has(key) || this.store.hasInboxEntry(key)) return false;
        this.inboxEntries.add(key);
        return true;
      },
    };
  }

  async fence(lease: LeaseFence): Promise<void> {
    this.assertLive();
    const refusal = lease.held === false ? 'it is no longer held here' : this.store.leases.refusal(lease);
    if (refusal !== null) throw new LeaseFencedError(lease.name, lease.token, refusal);
    // Like the row lock of the PostgreSQL adapter: nobody takes the name over until this unit ends.
    this.store.leases.pin(lease.name);
    this.pinned.push(lease.name);
  }

  async get<T>(collection: string, id: string): Promise<StoredDocument<T> | null> {
    this.assertLive();
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    const entry = this.entry(collection, id);
    return entry ? { id, data: clone(entry.data) as T, version: entry.version } : null;
  }

  async find<T>(collection: string, query?: FindQuery): Promise<FindResult<T>> {
    this.assertLive();
    assertCollectionName(collection);
    const definition = this.store.definition(collection);
    if (!definition) throw new UnknownCollectionError(collection);
    const resolved = resolveFindQuery(definition, query);
    const field = resolved.sort?.field ?? null;
    const sign = resolved.direction === 'asc' ? 1 : -1;
    const order = (a: { id: string; value: unknown }, b: { id: string; value: unknown }): number =>
      sign * (compareValues(a.value, b.value) || compareStrings(a.id, b.id));

    const ids = new Set([...this.store.committedIds(collection), ...(this.documents.get(collection)?.keys() ?? [])]);
    const rows: { id: string; value: unknown; entry: Entry }[] = [];
    for (const id of ids) {
      const entry = this.entry(collection, id);
      if (!entry) continue;
      const data = entry.data as Record<string, unknown>;
      if (!resolved.where.every((w) => data[w.field] === w.value)) continue;
      if (resolved.range && !inRange(data[resolved.range.field], resolved.range)) continue;
      const row = { id, value: field === null ? null : data[field] ?? null, entry };
      if (resolved.cursor && order(row, { id: resolved.cursor.id, value: resolved.cursor.value }) <= 0) continue;
      rows.push(row);
    }
    rows.sort(order);
    const page = rows.slice(0, resolved.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > resolved.limit && last
        ? encodeFindCursor({ field, direction: resolved.direction, value: last.value as string | number | null, id: last.id })
        : null;
    return { items: page.map((row) => ({ id: row.id, data: clone(row.entry.data) as T, version: row.entry.version })), nextCursor };
  }

  async upsert<T>(collection: string, id: string, data: T, expectedVersion?: number): Promise<StoredDocument<T>> {
    this.assertLive();
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    assertDocument(collection, data, this.store.definition(collection)?.indexes);
    await this.store.lock(`document\u0000${collection}\u0000${id}`, this);
    const current = this.entry(collection, id);
    if (expectedVersion !== undefined && (current?.version ?? 0) !== expectedVersion) {
      throw new DocumentVersionConflictError(collection, id, expectedVersion, current?.version ?? null);
    }
    const entry = { data: clone(data), version: (current?.version ?? 0) + 1 };
    this.stage(collection, id, entry);
    return { id, data: clone(entry.data) as T, version: entry.version };
  }

  async delete(collection: string, id: string): Promise<boolean> {
    this.assertLive();
    assertCollectionName(collection);
    assertDocumentId(collection, id);
    await this.store.lock(`document\u0000${collection}\u0000${id}`, this);
    const existed = this.entry(collection, id) !== undefined;
    this.stage(collection, id, null);
    return existed;
  }

  async clear(collection: string): Promise<void> {
    this.assertLive();
    assertCollectionName(collection);
    const ids = new Set([...this.store.committedIds(collection), ...(this.documents.get(collection)?.keys() ?? [])]);
    for (const id of ids) await this.delete(collection, id);
  }

  commit(): void {
    this.assertLive();
    this.store.apply(this.documents, this.savedCheckpoints, this.inboxEntries);
  }

  finish(): void {
    this.finished = true;
    this.store.unlockAll(this);
    for (const name of this.pinned.splice(0)) this.store.leases.unpin(name);
  }

  private entry(collection: string, id: string): Entry | undefined {
    const staged = this.documents.get(collection);
    if (staged?.has(id)) return staged.get(id) ?? undefined;
    return this.store.committedDocument(collection, id);
  }

  private stage(collection: string, id: string, entry: Entry | null): void {
    const staged = this.documents.get(collection) ?? new Map<string, Entry | null>();
    staged.set(id, entry);
    this.documents.set(collection, staged);
  }

  private checkpoint(name: string): string | null {
    return this.savedCheckpoints.get(name) ?? this.store.committedCheckpoint(name);
  }

  private assertLive(): void {
    if (this.finished) throw new UnitOfWorkClosedError();
  }
}

/** Missing values lowest, then numbers numerically, strings in byte order. */
function inRange(value: unknown, range: { from: string | number | null; to: string | number | null }): boolean {
  if (value === null || value === undefined) return false;
  return (range.from === null || compareValues(value, range.from) >= 0) && (range.to === null || compareValues(value, range.to) < 0);
}

function compareValues(a: unknown, b: unknown): number {
  const missingA = a === null || a === undefined;
  const missingB = b === null || b === undefined;
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareStrings(String(a), String(b));
}

function clone(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  leaseTiming,
  monotonicClock,
  RenewingLease,
  type LeaderLease,
  type LeaderLock,
  type LeaseTiming,
  type MonotonicClock,
} from '@broker/read-models';
import type { Connection, mongo } from 'mongoose';
import { claimFilter, claimUpdate, freeUpdate, heldFilter, renewUpdate, tokenOf, vacantLease } from './lease-statements.mongo';
import { DUPLICATE_KEY, errorCode, hasErrorLabel, isRacedWrite, MAX_TIME_MS_EXPIRED } from './mongo-errors';
import { LEASES_COLLECTION, TRANSACTION_OPTIONS, type LeaseRow } from './mongo-store.schema';

export interface MongoLeaseLockOptions extends Partial<LeaseTiming> {
  /** The holder's local clock; by default the process's monotonic clock. */
  clock?: MonotonicClock;
}

/**
 * Leader leases in a collection of the service's database (one document per name): a name is taken when it is free
 * or its lease has expired, the holder renews it every `renewEveryMs` by the time to live, and loses it when a
 * renewal fails or comes too late. Expiry is judged with the server's clock (`$$NOW`), so the processes' clocks
 * never need to agree. Each new holder of a name gets a greater token; units of work fence on it
 * (UnitOfWork.fence). The connection is shared and owned by the caller: `close()` releases leases, not it.
 */
export class MongoLeaseLock implements LeaderLock {
  /** Unique per lock object, i.e. per process instance; the collection shows who holds what. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly timing: LeaseTiming;
  private readonly clock: MonotonicClock;
  private readonly leases = new Map<string, RenewingLease>();
  private readonly acquiring = new Set<string>();
  private closed = false;

  constructor(private readonly connection: Connection, options: MongoLeaseLockOptions = {}) {
    this.timing = leaseTiming(options);
    this.clock = options.clock ?? monotonicClock;
  }

  async tryAcquire(name: string): Promise<LeaderLease | null> {
    if (this.closed) throw new Error('The leader lock is closed');
    if (this.acquiring.has(name) || this.leases.has(name)) return null;
    this.acquiring.add(name);
    try {
      const acquiredAt = this.clock();
      const token = await this.claim(name);
      if (token === null) return null;
      const lease: RenewingLease = new RenewingLease({
        name,
        token,
        clock: this.clock,
        acquiredAt,
        ...this.timing,
        renew: () => this.renew(name, token),
        free: () => this.free(name, token),
        onEnd: () => {
          if (this.leases.get(name) === lease) this.leases.delete(name);
        },
      });
      this.leases.set(name, lease);
      if (this.closed) {
        await lease.release();
        return null;
      }
      // An answer that took longer than the time to live ends the lease at once (and frees the row).
      return lease.start() ? lease : null;
    } finally {
      this.acquiring.delete(name);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.leases.values()].map((lease) => lease.release()));
  }

  /**
   * The new token, or null while another holder's lease is valid or a fenced unit of work has written the row.
   * The takeover is a transaction of its own on purpose: inside a transaction a write to a row that an open unit
   * has written fails at once with a write conflict, where a plain write would wait for that unit to end (and the
   * holder behind it may be frozen). So the name stays taken while the unit is open, and the caller tries later.
   */
  private async claim(name: string): Promise<bigint | null> {
    const leases = this.collection();
    // A name's first holder also goes through the takeover: an expired row is inserted first, outside any
    // transaction (an insert that loses the race to another one is fine), and never again for that name.
    if (!(await leases.findOne({ _id: name }, { projection: { _id: 1 } }))) {
      await leases.insertOne(vacantLease(name)).catch((error: unknown) => {
        if (errorCode(error) !== DUPLICATE_KEY) throw error;
      });
    }
    const session = this.connection.getClient().startSession();
    try {
      session.startTransaction(TRANSACTION_OPTIONS);
      const row = await leases.findOneAndUpdate(claimFilter(name, this.holder), claimUpdate(this.holder, this.timing.ttlMs), {
        returnDocument: 'after',
        projection: { token: 1 },
        useBigInt64: true,
        // A claim slower than the time to live could not give a held lease anyway (RenewingLease.start).
        maxTimeMS: this.timing.ttlMs,
        session,
      });
      if (!row) {
        await session.abortTransaction();
        return null;
      }
      await session.commitTransaction();
      return tokenOf(row.token);
    } catch (error) {
      if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
      // Lost to a concurrent claimer or an open fenced unit, too slow, or a transient failure: not free now.
      if (isRacedWrite(error) || errorCode(error) === MAX_TIME_MS_EXPIRED || hasErrorLabel(error, 'TransientTransactionError')) return null;
      throw error;
    } finally {
      await session.endSession().catch(() => undefined);
    }
  }

  /** A plain write: it waits for a fenced unit of this holder to end, as the port says renewals do. */
  private async renew(name: string, token: bigint): Promise<boolean> {
    const result = await this.collection().updateOne(heldFilter(name, this.holder, token), renewUpdate(this.timing.ttlMs));
    return result.matchedCount === 1;
  }

  private async free(name: string, token: bigint): Promise<void> {
    await this.collection().updateOne(heldFilter(name, this.holder, token), freeUpdate());
  }

  private collection(): mongo.Collection<LeaseRow> {
    if (!this.connection.db) throw new Error('MongoLeaseLock: the connection is not open');
    return this.connection.db.collection<LeaseRow>(LEASES_COLLECTION);
  }
}

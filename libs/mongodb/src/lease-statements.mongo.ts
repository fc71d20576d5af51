import { mongo } from 'mongoose';
import type { LeaseRow } from './mongo-store.schema';

/**
 * The lease statements. Every validity decision is taken by the server in `$expr` with `$$NOW`, so the processes'
 * clocks never need to agree; the holder keeps its own, more cautious deadline by its monotonic clock
 * (RenewingLease).
 */

const UNEXPIRED = { $gt: ['$expiresAt', '$$NOW'] };

/** An expired, never-held lease row: what a name starts as, so that taking it is always an update (see claimFilter). */
export function vacantLease(name: string): LeaseRow {
  return { _id: name, holder: '', token: mongo.Long.fromBigInt(0n), acquiredAt: new Date(0), expiresAt: new Date(0) };
}

/** The row is free for `holder`: expired by the server's clock, or already this holder's. */
export function claimFilter(name: string, holder: string): mongo.Filter<LeaseRow> {
  return { _id: name, $expr: { $or: [{ $lte: ['$expiresAt', '$$NOW'] }, { $eq: ['$holder', holder] }] } };
}

/** A new holder: the next token, valid for `ttlMs` from the server's now. */
export function claimUpdate(holder: string, ttlMs: number): mongo.Document[] {
  return [
    {
      $set: {
        holder: { $literal: holder },
        token: { $add: ['$token', mongo.Long.fromNumber(1)] },
        acquiredAt: '$$NOW',
        expiresAt: { $add: ['$$NOW', ttlMs] },
      },
    },
  ];
}

/** This holder's current, unexpired lease of `name`. */
export function heldFilter(name: string, holder: string, token: bigint): mongo.Filter<LeaseRow> {
  return { _id: name, holder, token: mongo.Long.fromBigInt(token), $expr: UNEXPIRED };
}

export function renewUpdate(ttlMs: number): mongo.Document[] {
  return [{ $set: { expiresAt: { $add: ['$$NOW', ttlMs] } } }];
}

/** Ends the lease now, so the next holder need not wait for its expiry. */
export function freeUpdate(): mongo.Document[] {
  return [{ $set: { expiresAt: '$$NOW' } }];
}

/** The lease `token` of `name` is current and unexpired, whoever holds it (a token names one holder). */
export function fenceFilter(name: string, token: bigint): mongo.Filter<LeaseRow> {
  return { _id: name, token: mongo.Long.fromBigInt(token), $expr: UNEXPIRED };
}

/** A write to the lease row: while the unit is open, a takeover of the row conflicts with it. */
export function fenceUpdate(): mongo.UpdateFilter<LeaseRow> {
  return { $inc: { fencedUnits: 1 } };
}

/** Why a fence found no current lease with its token; `row` is the lease row as the unit sees it. */
export function fenceRefusal(row: Pick<LeaseRow, 'token'> | null, token: bigint): string {
  if (!row) return 'nobody holds it';
  const current = tokenOf(row.token);
  if (current === 0n) return 'nobody holds it';
  return current !== token ? `the current token is ${current}` : 'it has expired';
}

/** A token as read back: a bigint with `useBigInt64`, else a Long, or a number when the driver promoted it. */
export function tokenOf(value: LeaseRow['token']): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(value);
  return value.toBigInt();
}

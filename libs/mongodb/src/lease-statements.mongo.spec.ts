import { mongo } from 'mongoose';
import {
  claimFilter,
  claimUpdate,
  fenceFilter,
  fenceRefusal,
  freeUpdate,
  heldFilter,
  renewUpdate,
  tokenOf,
  vacantLease,
} from './lease-statements.mongo';

describe('lease statements', () => {
  it('starts a name as an expired row with token 0, so its first holder gets token 1', () => {
    const row = vacantLease('projector');
    expect(row).toMatchObject({ _id: 'projector', holder: '', acquiredAt: new Date(0), expiresAt: new Date(0) });
    expect(tokenOf(row.token)).toBe(0n);
  });

  it('takes a row only when the server says it has expired, or it is already this holder’s', () => {
    expect(claimFilter('p', 'me')).toEqual({
      _id: 'p',
      $expr: { $or: [{ $lte: ['$expiresAt', '$$NOW'] }, { $eq: ['$holder', 'me'] }] },
    });
  });

  it('gives a new holder the next token (int64) and an expiry of the server’s now plus the time to live', () => {
    const [stage] = claimUpdate('$me', 400) as [{ $set: Record<string, unknown> }];
    expect(stage.$set.holder).toEqual({ $literal: '$me' }); // never read as a field path
    expect(stage.$set.token).toEqual({ $add: ['$token', mongo.Long.fromNumber(1)] });
    expect(stage.$set.acquiredAt).toBe('$$NOW');
    expect(stage.$set.expiresAt).toEqual({ $add: ['$$NOW', 400] });
  });

  it('renews and frees only this holder’s current, unexpired token', () => {
    const filter = heldFilter('p', 'me', 2n ** 62n);
    expect(filter).toMatchObject({ _id: 'p', holder: 'me', $expr: { $gt: ['$expiresAt', '$$NOW'] } });
    expect(tokenOf((filter as { token: mongo.Long }).token)).toBe(2n ** 62n);
    expect(renewUpdate(300)).toEqual([{ $set: { expiresAt: { $add: ['$$NOW', 300] } } }]);
    expect(freeUpdate()).toEqual([{ $set: { expiresAt: '$$NOW' } }]);
  });

  it('fences on the token and the server’s clock, whoever holds it', () => {
    const filter = fenceFilter('p', 7n);
    expect(filter).toMatchObject({ _id: 'p', $expr: { $gt: ['$expiresAt', '$$NOW'] } });
    expect(filter).not.toHaveProperty('holder');
    expect(tokenOf((filter as { token: mongo.Long }).token)).toBe(7n);
  });

  it('says why a fence was refused', () => {
    expect(fenceRefusal(null, 3n)).toBe('nobody holds it');
    expect(fenceRefusal({ token: 0n }, 3n)).toBe('nobody holds it');
    expect(fenceRefusal({ token: 4n }, 3n)).toBe('the current token is 4');
    expect(fenceRefusal({ token: mongo.Long.fromNumber(3) }, 3n)).toBe('it has expired');
  });

  it('reads a token however the driver gives it back', () => {
    expect(tokenOf(5n)).toBe(5n);
    expect(tokenOf(5)).toBe(5n);
    expect(tokenOf(mongo.Long.fromBigInt(2n ** 63n - 1n))).toBe(2n ** 63n - 1n);
  });
});

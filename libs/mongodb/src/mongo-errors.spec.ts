import { isAbortedTransaction, isRacedWrite, isTransientMongoError, isWriteConflict } from './mongo-errors';

const serverError = (code: number, labels: string[] = []) => Object.assign(new Error(`code ${code}`), { name: 'MongoServerError', code, errorLabels: labels });

describe('MongoDB error rules', () => {
  it('tells a write conflict and a lost race for a key from other failures', () => {
    expect(isWriteConflict(serverError(112, ['TransientTransactionError']))).toBe(true);
    expect(isWriteConflict(serverError(11000))).toBe(false);
    expect(isRacedWrite(serverError(11000))).toBe(true);
    expect(isRacedWrite(serverError(112))).toBe(true);
    expect(isRacedWrite(serverError(2))).toBe(false);
    expect(isRacedWrite(new Error('plain'))).toBe(false);
    expect(isRacedWrite(null)).toBe(false);
  });

  it('recognises a commit of a transaction the server had already rolled back', () => {
    expect(isAbortedTransaction(serverError(251, ['TransientTransactionError']))).toBe(true);
    expect(isAbortedTransaction(serverError(112))).toBe(false);
  });

  it('counts unreachable servers, failovers and transaction conflicts as transient, and nothing else', () => {
    const network = Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoNetworkError' });
    expect(isTransientMongoError(network)).toBe(true);
    expect(isTransientMongoError(Object.assign(new Error('x'), { name: 'MongoServerSelectionError' }))).toBe(true);
    expect(isTransientMongoError(serverError(10107))).toBe(true); // not writable primary
    expect(isTransientMongoError(serverError(251, ['TransientTransactionError']))).toBe(true);
    expect(isTransientMongoError(new Error('wrapped', { cause: network }))).toBe(true);
    expect(isTransientMongoError(serverError(11000))).toBe(false);
    expect(isTransientMongoError(serverError(2))).toBe(false);
    expect(isTransientMongoError(new Error('handler failed'))).toBe(false);
    expect(isTransientMongoError(undefined)).toBe(false);
  });
});

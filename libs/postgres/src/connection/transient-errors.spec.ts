import { DatabaseError } from 'pg';
import { isReadOnlyStatement, isTransientDatabaseError, transientFailure } from './transient-errors';

function pgError(code: string, message = 'server says no'): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

function systemError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
}

describe('transientFailure', () => {
  it.each([
    ['ECONNREFUSED', systemError('ECONNREFUSED')],
    ['EHOSTUNREACH', systemError('EHOSTUNREACH')],
    ['EAI_AGAIN', systemError('EAI_AGAIN')],
    ['57P03 the database system is starting up', pgError('57P03')],
    ['53300 too many connections', pgError('53300')],
    ['08001 unable to connect', pgError('08001')],
    ['08004 connection rejected', pgError('08004')],
    ['pg-pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['pg connect timeout', new Error('Connection terminated due to connection timeout')],
    ['refused on every address (AggregateError)', Object.assign(new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')]), {})],
  ])('%s never reached the server', (_, error) => {
    expect(transientFailure(error)).toBe('not-sent');
  });

  it.each([
    ['40001 serialization failure', pgError('40001')],
    ['40P01 deadlock', pgError('40P01')],
  ])('%s was rolled back', (_, error) => {
    expect(transientFailure(error)).toBe('rolled-back');
  });

  it.each([
    ['57P01 terminated by an administrator', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash of another backend', pgError('57P02')],
    ['08006 connection failure', pgError('08006')],
    ['08003 connection does not exist', pgError('08003')],
    ['08000 connection exception', pgError('08000')],
    ['ECONNRESET', systemError('ECONNRESET')],
    ['EPIPE', systemError('EPIPE')],
    ['ETIMEDOUT', systemError('ETIMEDOUT')],
    ['pg: terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['pg: client not queryable', new Error('Client has encountered a connection error and is not queryable')],
    ['wrapped in a cause', new Error('append failed', { cause: systemError('ECONNRESET') })],
  ])('%s lost the connection', (_, error) => {
    expect(transientFailure(error)).toBe('connection-lost');
  });

  it.each([
    ['23505 unique violation', pgError('23505')],
    ['42P01 undefined table', pgError('42P01')],
    ['42601 syntax error', pgError('42601')],
    ['08P01 protocol violation', pgError('08P01')],
    ['57014 query cancelled', pgError('57014')],
    ['28P01 wrong password', pgError('28P01')],
    ['a domain error', Object.assign(new Error('Thing not found'), { code: 'THING.NOT_FOUND' })],
    ['pg: terminated on purpose (end())', new Error('Connection terminated')],
    ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'rows')")],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
    ['undefined', undefined],
    ['an AggregateError of other errors', new AggregateError([pgError('23505')])],
  ])('%s is not transient', (_, error) => {
    expect(transientFailure(error)).toBeNull();
    expect(isTransientDatabaseError(error)).toBe(false);
  });

  it('calls every kind transient', () => {
    expect([systemError('ECONNREFUSED'), pgError('40001'), pgError('57P01')].map(isTransientDatabaseError)).toEqual([true, true, true]);
  });
});

describe('isReadOnlyStatement', () => {
  it.each([
    'SELECT data, version FROM "s"."rm_documents" WHERE collection = $1 AND id = $2',
    '  select 1',
    'WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) SELECT * FROM horizon',
    'SELECT revision, updated_at FROM s.es_streams',
    'SHOW server_version',
  ])('reads: %s', (sql) => {
    expect(isReadOnlyStatement(sql)).toBe(true);
  });

  it.each([
    'INSERT INTO s.t (a) VALUES (1)',
    'UPDATE s.t SET a = 1',
    'DELETE FROM s.t',
    'WITH reserved AS (UPDATE s.es_streams SET revision = revision + 1 RETURNING revision) SELECT * FROM reserved',
    'SELECT x.id FROM s.t x FOR UPDATE',
    'SELECT * FROM s.t FOR NO KEY UPDATE SKIP LOCKED',
    'SELECT * FROM s.t FOR SHARE',
    "SELECT pg_notify('c', '')",
    'SELECT pg_advisory_lock(1)',
    "SELECT nextval('s.seq')",
    'SELECT * INTO s.copy FROM s.t',
    'CREATE SCHEMA IF NOT EXISTS s',
    'BEGIN',
  ])('not a plain read: %s', (sql) => {
    expect(isReadOnlyStatement(sql)).toBe(false);
  });
});

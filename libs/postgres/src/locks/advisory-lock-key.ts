import { createHash } from 'node:crypto';

/**
 * A stable signed 64-bit key for PostgreSQL advisory locks, derived from the schema and a lock name, so locks
 * of different schemas (deployments, services, test runs) in one database never collide in practice.
 */
export function advisoryLockKey(schema: string, name: string): bigint {
  const digest = createHash('sha256').update(`${schema}\u0000${name}`, 'utf8').digest();
  return digest.readBigInt64BE(0);
}

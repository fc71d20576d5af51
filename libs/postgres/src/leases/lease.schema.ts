/**
 * One row per lease name in the connection's schema. Rows are never deleted: the token keeps growing across
 * holders, and a released lease is simply one whose expiry has passed. Times are the database's clock only.
 */
export const LEASES_TABLE = 'leader_leases';

export function createLeasesTableSql(qschema: string): string {
  return `CREATE TABLE IF NOT EXISTS ${qschema}.${LEASES_TABLE} (
    name text PRIMARY KEY,
    holder text NOT NULL,
    token bigint NOT NULL,
    acquired_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  )`;
}

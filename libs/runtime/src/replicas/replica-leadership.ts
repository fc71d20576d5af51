import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ReplicaLeadership } from '@broker/contracts';

/** What one replica runs that needs a lease: its projections' lease names, its outbox's (null without one). */
export interface LeasedWork {
  projections: readonly string[];
  outbox: string | null;
}

/** What the replica leads, from the names of the leases it holds now. */
export function replicaLeadership(held: readonly string[], work: LeasedWork): ReplicaLeadership {
  const holds = new Set(held);
  return {
    projections: work.projections.filter((name) => holds.has(name)).sort(),
    outbox: work.outbox !== null && holds.has(work.outbox),
    leases: [...holds].sort(),
  };
}

/** A process's instance id: its host and pid, and a random part so that a reused pid (pid 1 in every container) never repeats one. */
export function newInstanceId(host = hostname(), pid = process.pid): string {
  return `${host}-${pid}-${randomBytes(3).toString('hex')}`;
}

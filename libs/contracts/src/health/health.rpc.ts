import { rpc, type NoPayload, type RpcContract } from '../rpc-contract';

/** Every backing service answers `<service>.health` with its own checks (one replica answers, the queue group's pick). */
export const healthRpc = (service: string): RpcContract<NoPayload, ServiceHealth> => rpc(`${service}.health`);

/**
 * Every replica of a service answers `<service>.health.replicas` for itself: the subject is subscribed outside the
 * queue group, so one request gathers an answer from each replica within the asker's window.
 */
export const replicaHealthRpc = (service: string): RpcContract<NoPayload, ReplicaHealth> => rpc(`${service}.health.replicas`);

export interface ComponentHealth {
  /** `reconnecting`: a lost connection (NATS) being re-established on its own. */
  status: 'up' | 'down' | 'reconnecting';
  detail?: string;
}

export interface ServiceHealth {
  status: 'up' | 'down';
  service: string;
  /** The replica that answered (see ReplicaHealth.instance). */
  instance?: string;
  checks: Record<string, ComponentHealth>;
  /** Integration events parked after failing too often; they need attention. */
  parkedMessages?: number;
}

/** What one replica leads now: the leases it holds (docs/adr/0010), by what they are for. */
export interface ReplicaLeadership {
  /** Projections it runs as leader, by lease name: `projection:<name>:v<version>`. */
  projections: string[];
  /** Whether it publishes the service's outbox (lease `outbox:<service>`). */
  outbox: boolean;
  /** Every lease it holds, those of the projections and the outbox included (`notifications:sender`, ...). */
  leases: string[];
}

/** One process of a service, as it answers for itself. */
export interface ReplicaHealth {
  /** Made when the process starts (`<host>-<pid>-<random>`): a restarted process answers with a new one. */
  instance: string;
  status: 'up' | 'down';
  checks: Record<string, ComponentHealth>;
  /** When the process started, ISO 8601. */
  startedAt: string;
  leads: ReplicaLeadership;
}

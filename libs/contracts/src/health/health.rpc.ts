import { rpc, type NoPayload, type RpcContract } from '../rpc-contract';

/** Every backing service answers `<service>.health` with its own checks. */
export const healthRpc = (service: string): RpcContract<NoPayload, ServiceHealth> => rpc(`${service}.health`);

export interface ComponentHealth {
  /** `reconnecting`: a lost connection (NATS) being re-established on its own. */
  status: 'up' | 'down' | 'reconnecting';
  detail?: string;
}

export interface ServiceHealth {
  status: 'up' | 'down';
  service: string;
  checks: Record<string, ComponentHealth>;
  /** Integration events parked after failing too often; they need attention. */
  parkedMessages?: number;
}

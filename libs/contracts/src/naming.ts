/**
 * Every NATS subject, JetStream stream and consumer and every database schema derives from the deployment name,
 * so two deployments can share one NATS and one PostgreSQL server without seeing each other.
 */
export const DEPLOYMENT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,29}$/;

export type ServiceName = 'gateway' | 'identity' | 'organizations' | 'catalog' | 'approvals' | 'billing' | 'notifications';

export const BACKING_SERVICES: readonly Exclude<ServiceName, 'gateway'>[] = [
  'identity',
  'organizations',
  'catalog',
  'approvals',
  'billing',
  'notifications',
];

export function assertDeploymentName(deployment: string): void {
  if (!DEPLOYMENT_NAME_PATTERN.test(deployment)) {
    throw new Error(`Deployment name "${deployment}" must match ${DEPLOYMENT_NAME_PATTERN}`);
  }
}

export interface DeploymentNames {
  deployment: string;
  /** PostgreSQL schema of one service's stores. */
  schema(service: ServiceName): string;
  /** Subject prefix of request-reply calls: `<deployment>.rpc.`. */
  rpcPrefix: string;
  /** Queue group shared by all replicas of a service. */
  rpcQueue(service: ServiceName): string;
  /** JetStream stream holding every integration event of the deployment. */
  eventStream: string;
  /** Subject of one integration event type: `<deployment>.events.<type>`. */
  eventSubject(eventType: string): string;
  /** Subjects of all integration events of one source service: `<deployment>.events.<service>.>`. */
  eventSubjectsOf(service: ServiceName): string;
  /** Durable consumer name; JetStream allows no dots in it. */
  consumerName(service: ServiceName, consumer: string): string;
  /** JetStream key-value bucket of the gateway's idempotency records (its stream is `KV_<bucket>`). */
  idempotencyBucket: string;
  /** Core NATS subject on which gateway replicas share their rate-limit counts. */
  rateLimitSubject: string;
  /** Key-value bucket where identity records ended sessions and users; gateways watch it (ADR 0035). */
  accessRevocationBucket: string;
}

export function deploymentNames(deployment: string): DeploymentNames {
  assertDeploymentName(deployment);
  return {
    deployment,
    schema: (service) => `${deployment}_${service}`,
    rpcPrefix: `${deployment}.rpc.`,
    rpcQueue: (service) => `${deployment}.${service}`,
    eventStream: `${deployment}_events`,
    eventSubject: (eventType) => `${deployment}.events.${eventType}`,
    eventSubjectsOf: (service) => `${deployment}.events.${service}.>`,
    consumerName: (service, consumer) => `${deployment}_${service}_${consumer}`.replace(/[^A-Za-z0-9_-]/g, '_'),
    idempotencyBucket: `${deployment}_idempotency`,
    rateLimitSubject: `${deployment}.gateway.rate-limits`,
    accessRevocationBucket: `${deployment}_access_revocations`,
  };
}

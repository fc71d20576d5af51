import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComponentHealth, ReplicaHealth, ReplicaLeadership, ServiceHealth } from '@broker/contracts';
import type { NatsConnectionHealth } from '@broker/messaging';
import { Documents } from '../openapi/documents-contract';
import type { TokenVerificationHealth } from '../auth/token-verification/token-verification';
import type { RateLimitHealth } from '../rate-limits/rate-limiter';
import type { ServiceReplicasHealth } from './service-replicas';

type GatewayOwnHealth = { nats: NatsConnectionHealth; rateLimits: RateLimitHealth; tokens: TokenVerificationHealth };
/** One schema for both: a service that answered (its ServiceHealth) and one that did not (`down` and why). */
type AnsweredOrNot = Pick<ServiceHealth, 'status'> & Partial<Omit<ServiceHealth, 'status'>> & { detail?: string } & ServiceReplicasHealth;

/** Response shapes, for the OpenAPI document. */
@Documents<ComponentHealth>()
export class ComponentHealthResponse {
  @ApiProperty({ enum: ['up', 'down', 'reconnecting'] })
  status!: ComponentHealth['status'];

  @ApiPropertyOptional()
  detail?: string;
}

@Documents<RateLimitHealth>()
export class RateLimitHealthResponse {
  @ApiProperty({ enum: ['shared', 'local'], description: '`local`: the sharing channel is away and each replica counts alone' })
  sharing!: RateLimitHealth['sharing'];

  @ApiProperty({ description: 'Gateway replicas heard from recently, this one included' })
  replicas!: number;
}

@Documents<TokenVerificationHealth>()
export class TokenVerificationHealthResponse {
  @ApiProperty({
    enum: ['followed', 'not followed', 'off'],
    description: '`followed`: verified tokens are kept while the access revocations allow them; `not followed`: every request asks identity until they are; `off`: VERIFIED_TOKENS_KEPT=0',
  })
  revocations!: TokenVerificationHealth['revocations'];

  @ApiProperty({ description: 'Access-token verifications this gateway keeps now' })
  kept!: number;
}

@Documents<GatewayOwnHealth>()
export class GatewayOwnHealthResponse {
  @ApiProperty({ type: ComponentHealthResponse, description: "The gateway's own connection to NATS" })
  nats!: ComponentHealthResponse;

  @ApiProperty({ type: RateLimitHealthResponse })
  rateLimits!: RateLimitHealthResponse;

  @ApiProperty({ type: TokenVerificationHealthResponse })
  tokens!: TokenVerificationHealthResponse;
}

@Documents<ReplicaLeadership>()
export class ReplicaLeadershipResponse {
  @ApiProperty({ type: [String], description: 'Projections this replica runs as leader, by lease name (`projection:<name>:v<version>`)' })
  projections!: string[];

  @ApiProperty({ description: "Whether this replica publishes the service's outbox (lease `outbox:<service>`)" })
  outbox!: boolean;

  @ApiProperty({ type: [String], description: 'Every lease this replica holds, those of the projections and the outbox included (e.g. `notifications:sender`)' })
  leases!: string[];
}

@Documents<ReplicaHealth>()
export class ReplicaHealthResponse {
  @ApiProperty({ description: 'Made when the process starts (`<host>-<pid>-<random>`); a restarted process has a new one' })
  instance!: string;

  @ApiProperty({ enum: ['up', 'down'], description: "This replica's own checks" })
  status!: ReplicaHealth['status'];

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ComponentHealthResponse' }, description: 'Each backing component of this replica' })
  checks!: Record<string, ComponentHealthResponse>;

  @ApiProperty({ format: 'date-time', description: 'When the process started' })
  startedAt!: string;

  @ApiProperty({ type: ReplicaLeadershipResponse, description: 'What this replica leads now' })
  leads!: ReplicaLeadershipResponse;
}

@Documents<AnsweredOrNot>()
export class ServiceHealthResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: ServiceHealth['status'];

  @ApiPropertyOptional({ description: 'The service, when it answered' })
  service?: string;

  @ApiPropertyOptional({ description: 'The replica that answered for the service (one of `replicas`)' })
  instance?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ComponentHealthResponse' }, description: 'Each backing component (database, NATS...)' })
  checks?: Record<string, ComponentHealthResponse>;

  @ApiPropertyOptional({ description: 'Integration events parked after failing too often; they need attention' })
  parkedMessages?: number;

  @ApiPropertyOptional({ description: 'Why the service did not answer' })
  detail?: string;

  @ApiProperty({
    type: [ReplicaHealthResponse],
    description: 'Every replica (process) of the service that answered for itself within HEALTH_REPLICAS_WAIT_MS, by instance; a replica gone or slower is left out',
  })
  replicas!: ReplicaHealthResponse[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Who leads each lease the replicas hold: lease name (`projection:<name>:v<version>`, `outbox:<service>`, ...) -> instance',
  })
  leaders!: Record<string, string>;
}

@Documents<{ status: 'ok' | 'error'; gateway: GatewayOwnHealth; services: Record<string, AnsweredOrNot> }>()
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ type: GatewayOwnHealthResponse })
  gateway!: GatewayOwnHealthResponse;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ServiceHealthResponse' }, description: 'Every backing service by name' })
  services!: Record<string, ServiceHealthResponse>;
}

export type GatewayLive = { status: 'live' };
export type GatewayReady = { status: 'ready' | 'not ready'; nats: NatsConnectionHealth };

@Documents<GatewayLive>()
export class GatewayLiveResponse {
  @ApiProperty({ enum: ['live'] })
  status!: 'live';
}

@Documents<GatewayReady>()
export class GatewayReadyResponse {
  @ApiProperty({ enum: ['ready', 'not ready'] })
  status!: 'ready' | 'not ready';

  @ApiProperty({ type: ComponentHealthResponse, description: "The gateway's own connection to NATS" })
  nats!: NatsConnectionHealth;
}

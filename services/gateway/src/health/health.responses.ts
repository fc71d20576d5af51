import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComponentHealth, ServiceHealth } from '@broker/contracts';
import type { NatsConnectionHealth } from '@broker/messaging';
import { Documents } from '../openapi/documents-contract';
import type { TokenVerificationHealth } from '../auth/token-verification/token-verification';
import type { RateLimitHealth } from '../rate-limits/rate-limiter';

type GatewayOwnHealth = { nats: NatsConnectionHealth; rateLimits: RateLimitHealth; tokens: TokenVerificationHealth };
/** One schema for both: a service that answered (its ServiceHealth) and one that did not (`down` and why). */
type AnsweredOrNot = Pick<ServiceHealth, 'status'> & Partial<Omit<ServiceHealth, 'status'>> & { detail?: string };

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

@Documents<AnsweredOrNot>()
export class ServiceHealthResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: ServiceHealth['status'];

  @ApiPropertyOptional({ description: 'The service, when it answered' })
  service?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ComponentHealthResponse' }, description: 'Each backing component (database, NATS...)' })
  checks?: Record<string, ComponentHealthResponse>;

  @ApiPropertyOptional({ description: 'Integration events parked after failing too often; they need attention' })
  parkedMessages?: number;

  @ApiPropertyOptional({ description: 'Why the service did not answer' })
  detail?: string;
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

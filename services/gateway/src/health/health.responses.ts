import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document. */
export class ComponentHealthResponse {
  @ApiProperty({ enum: ['up', 'down', 'reconnecting'] })
  status!: string;

  @ApiPropertyOptional()
  detail?: string;
}

export class RateLimitHealthResponse {
  @ApiProperty({ enum: ['shared', 'local'], description: '`local`: the sharing channel is away and each replica counts alone' })
  sharing!: string;

  @ApiProperty({ description: 'Gateway replicas heard from recently, this one included' })
  replicas!: number;
}

export class GatewayOwnHealthResponse {
  @ApiProperty({ type: ComponentHealthResponse, description: "The gateway's own connection to NATS" })
  nats!: ComponentHealthResponse;

  @ApiProperty({ type: RateLimitHealthResponse })
  rateLimits!: RateLimitHealthResponse;
}

export class ServiceHealthResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: string;

  @ApiPropertyOptional({ description: 'The service, when it answered' })
  service?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ComponentHealthResponse' }, description: 'Each backing component (database, NATS...)' })
  checks?: Record<string, ComponentHealthResponse>;

  @ApiPropertyOptional({ description: 'Integration events parked after failing too often; they need attention' })
  parkedMessages?: number;

  @ApiPropertyOptional({ description: 'Why the service did not answer' })
  detail?: string;
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: string;

  @ApiProperty({ type: GatewayOwnHealthResponse })
  gateway!: GatewayOwnHealthResponse;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ServiceHealthResponse' }, description: 'Every backing service by name' })
  services!: Record<string, ServiceHealthResponse>;
}

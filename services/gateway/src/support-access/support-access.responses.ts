import { ApiProperty } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document. */
export class SupportAccessResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ format: 'uuid', description: 'The platform admin who read' })
  accessedBy!: string;

  @ApiProperty({ enum: ['GET', 'HEAD'] })
  method!: string;

  @ApiProperty({ example: '/organizations/{orgId}/users/{userId}', description: 'The route template that was read (ids are never written into it)' })
  route!: string;

  @ApiProperty({ type: String, nullable: true, description: "The request's correlation id (its `x-correlation-id`), carried by every log line of that request" })
  correlationId!: string | null;

  @ApiProperty({ example: '2026-12-06T10:15:00.000Z' })
  accessedAt!: string;
}

export class SupportAccessListResponse {
  @ApiProperty({ type: [SupportAccessResponse] })
  items!: SupportAccessResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import type { Page, SupportAccessMethod, SupportAccessView } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

/** Response shapes, for the OpenAPI document. */
@Documents<SupportAccessView>()
export class SupportAccessResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ format: 'uuid', description: 'The platform admin who read' })
  accessedBy!: string;

  @ApiProperty({ enum: ['GET', 'HEAD'] })
  method!: SupportAccessMethod;

  @ApiProperty({ example: '/organizations/{orgId}/users/{userId}', description: 'The route template that was read (ids are never written into it)' })
  route!: string;

  @ApiProperty({ type: String, nullable: true, description: "The request's correlation id (its `x-correlation-id`), carried by every log line of that request" })
  correlationId!: string | null;

  @ApiProperty({ example: '2026-12-06T10:15:00.000Z' })
  accessedAt!: string;
}

@Documents<Page<SupportAccessView>>()
export class SupportAccessListResponse {
  @ApiProperty({ type: [SupportAccessResponse] })
  items!: SupportAccessResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import type { ActivityEntryView, Page } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

@Documents<ActivityEntryView['target']>()
export class ActivityTargetResponse {
  @ApiProperty({ example: 'transaction', description: 'user, organization, reseller, transaction, subscription, product, budget, support_request' })
  type!: string;

  @ApiProperty({ type: String, nullable: true })
  id!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Its name when the action or this service knew it' })
  name!: string | null;
}

@Documents<ActivityEntryView>()
export class ActivityEntryResponse {
  @ApiProperty({ format: 'uuid', description: 'The event it was recorded from: the same action is listed once' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  resellerId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  organizationId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who acted: a user id, `system` (the platform itself) or `policy` (an approval by policy); null when unknown' })
  actorId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Quinn Tester', description: "The actor's name when it was known" })
  actorName!: string | null;

  @ApiProperty({ example: 'transaction.approved' })
  action!: string;

  @ApiProperty({ type: ActivityTargetResponse })
  target!: ActivityTargetResponse;

  @ApiProperty({ example: 'Approved an order of Microsoft 365 E3 x 10' })
  summary!: string;

  @ApiProperty({ description: 'The request it came from: every action of one request shares it (and its X-Correlation-Id)' })
  correlationId!: string;
}

@Documents<Page<ActivityEntryView>>()
export class ActivityListResponse {
  @ApiProperty({ type: [ActivityEntryResponse], description: 'Newest first' })
  items!: ActivityEntryResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Page, ParkedEmailView, ParkedMessageView, RequeuedEmail, RequeueParkedMessageResult } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

/** Response shapes, for the OpenAPI document. */
@Documents<ParkedMessageView['error']>()
export class ParkedErrorResponse {
  @ApiProperty()
  message!: string;

  @ApiProperty({ type: String, nullable: true })
  code!: string | null;
}

@Documents<ParkedMessageView>()
export class ParkedMessageResponse {
  @ApiProperty({ example: 'broker-notifications-identity:5f0c…', description: 'Pass it to the requeue endpoint' })
  id!: string;

  @ApiProperty({ example: 'notifications' })
  service!: string;

  @ApiProperty({ description: 'The durable consumer that parked it' })
  consumer!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  streamSequence!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The event id; null when the payload was not an event envelope' })
  messageId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  eventType!: string | null;

  @ApiProperty({ type: String, nullable: true })
  correlationId!: string | null;

  @ApiProperty({ type: ParkedErrorResponse })
  error!: ParkedErrorResponse;

  @ApiProperty({ description: 'Deliveries it failed (or, for a message the process died on, unfinished runs)' })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  parkedAt!: string;

  @ApiProperty({ description: 'Requeues that failed again' })
  failedRequeues!: number;
}

@Documents<Page<ParkedMessageView>>()
export class ParkedMessageListResponse {
  @ApiProperty({ type: [ParkedMessageResponse] })
  items!: ParkedMessageResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@Documents<RequeueParkedMessageResult>()
export class RequeuedMessageResponse {
  @ApiProperty()
  id!: string;

  @ApiProperty({
    enum: ['applied', 'duplicate', 'skipped', 'failed'],
    description:
      '`applied`: handled now; `duplicate`: it had been applied already (nothing done); `skipped`: no handler for its type any more. ' +
      'These three remove it from the parked messages. `failed`: it failed again and stays parked with the new error.',
  })
  outcome!: RequeueParkedMessageResult['outcome'];

  @ApiPropertyOptional({ type: ParkedErrorResponse })
  error?: ParkedErrorResponse;
}

@Documents<NonNullable<ParkedEmailView['lastError']>>()
export class SmtpErrorResponse {
  @ApiProperty()
  message!: string;

  @ApiProperty({ type: String, nullable: true, example: 'EENVELOPE' })
  code!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 550 })
  responseCode!: number | null;
}

@Documents<ParkedEmailView>()
export class ParkedEmailResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['approval_requested', 'approval_decided', 'support_request', 'welcome', 'budget_threshold_reached'] })
  kind!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty()
  eventType!: string;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  resellerId!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  organizationId!: string | null;

  @ApiProperty({ description: 'Recipient address' })
  to!: string;

  @ApiProperty()
  subject!: string;

  @ApiProperty({ description: 'The Message-ID header: the same on every attempt' })
  messageId!: string;

  @ApiProperty({ description: 'Attempts so far, over all requeues' })
  attempts!: number;

  @ApiProperty({ format: 'date-time' })
  queuedAt!: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  parkedAt!: string | null;

  @ApiProperty({ type: SmtpErrorResponse, nullable: true })
  lastError!: SmtpErrorResponse | null;
}

@Documents<Page<ParkedEmailView>>()
export class ParkedEmailListResponse {
  @ApiProperty({ type: [ParkedEmailResponse] })
  items!: ParkedEmailResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@Documents<RequeuedEmail>()
export class RequeuedEmailResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['queued'] })
  status!: RequeuedEmail['status'];

  @ApiProperty({ description: 'How often it has been requeued, this time included' })
  requeues!: number;
}

import { IsString, IsUUID, Length } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField, PageCursorField, PageLimitField } from '../shared/request-fields';
import type { Page } from '../organizations/reseller.rpc';
import { rpc } from '../rpc-contract';

/**
 * Operator requests on what the platform gave up on: integration events a consumer parked (every backing service
 * answers for its own) and e-mails the notifications service parked. Platform admin only.
 */
export const parkedMessagesRpc = (service: string) =>
  ({
    list: rpc<ListParkedRequest, Page<ParkedMessageView>>(`${service}.parked-messages.list`, { errors: ['PARKED_MESSAGE.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
    requeue: rpc<RequeueParkedMessageRequest, RequeueParkedMessageResult>(`${service}.parked-messages.requeue`, { errors: ['PARKED_MESSAGE.FORBIDDEN', 'PARKED_MESSAGE.NOT_FOUND', 'PARKED_MESSAGE.CONFLICT'] }),
  }) as const;

export const ParkedEmailRpc = {
  list: rpc<ListParkedRequest, Page<ParkedEmailView>>('notifications.parked-emails.list', { errors: ['PARKED_EMAIL.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
  requeue: rpc<RequeueParkedEmailRequest, RequeuedEmail>('notifications.parked-emails.requeue', { errors: ['PARKED_EMAIL.FORBIDDEN', 'PARKED_EMAIL.NOT_FOUND', 'PARKED_EMAIL.CONFLICT'] }),
} as const;

export class ListParkedRequest {
  @ActorField()
  actor!: ActorDto;

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export class RequeueParkedMessageRequest {
  @ActorField()
  actor!: ActorDto;

  /** The `id` of a listed parked message. */
  @IsString()
  @Length(1, 400)
  id!: string;
}

export class RequeueParkedEmailRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  notificationId!: string;
}

export interface ParkedMessageView {
  id: string;
  service: string;
  /** Durable consumer name. */
  consumer: string;
  subject: string;
  streamSequence: number;
  /** Null when the payload was not an envelope (such a message cannot be requeued). */
  messageId: string | null;
  eventType: string | null;
  correlationId: string | null;
  error: { message: string; code: string | null };
  attempts: number;
  parkedAt: string;
  /** Requeues that failed again. */
  failedRequeues: number;
}

/**
 * `applied`: the consumer's handler ran and committed; `duplicate`: the inbox already had the message, nothing done;
 * `skipped`: the consumer has no handler for its type any more. In these three cases the message is no longer parked.
 * `failed`: the handler failed again; the message stays parked with the new error.
 */
export interface RequeueParkedMessageResult {
  id: string;
  outcome: 'applied' | 'duplicate' | 'skipped' | 'failed';
  error?: { message: string; code: string | null };
}

export interface ParkedEmailView {
  id: string;
  kind: string;
  eventId: string;
  eventType: string;
  correlationId: string;
  resellerId: string | null;
  organizationId: string | null;
  to: string;
  subject: string;
  messageId: string;
  attempts: number;
  queuedAt: string;
  parkedAt: string | null;
  lastError: { message: string; code: string | null; responseCode: number | null } | null;
}

export interface RequeuedEmail {
  id: string;
  status: 'queued';
  /** How often this e-mail has been requeued, this time included. */
  requeues: number;
}

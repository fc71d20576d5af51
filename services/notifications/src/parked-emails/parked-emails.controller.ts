import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import type { Logger } from 'pino';
import {
  ListParkedRequest,
  ParkedEmailRpc,
  RequeueParkedEmailRequest,
  type ActorDto,
  type Page,
  type ParkedEmailView,
  type RequeuedEmail,
} from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import type { DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, LOGGER } from '@broker/runtime';
import type { NotificationDocument } from '../outbox/notification';
import { findParkedNotifications, requeueParkedNotification } from '../outbox/parked-notifications';

function requirePlatformAdmin(actor: ActorDto): void {
  if (actor.role !== 'platform_admin') throw new DomainError('PARKED_EMAIL.FORBIDDEN', 'Only a platform admin may see or requeue parked e-mails');
}

function view(id: string, data: NotificationDocument): ParkedEmailView {
  return {
    id,
    kind: data.kind,
    eventId: data.eventId,
    eventType: data.eventType,
    correlationId: data.correlationId,
    resellerId: data.resellerId,
    organizationId: data.organizationId,
    to: data.mail.to.address,
    subject: data.mail.subject,
    messageId: data.mail.messageId,
    attempts: (data.attemptsBeforeRequeues ?? 0) + data.attempts,
    queuedAt: data.queuedAt,
    parkedAt: data.parkedAt,
    lastError: data.lastError,
  };
}

/** E-mails the sender gave up on: listed and put back in the queue by the platform admin (ADR 22). */
@Controller()
export class ParkedEmailsController {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @RpcHandler(ParkedEmailRpc.list)
  async list(@Payload() request: ListParkedRequest): Promise<Page<ParkedEmailView>> {
    requirePlatformAdmin(request.actor);
    const page = await findParkedNotifications(this.store, request.limit ?? 50, request.cursor);
    return { items: page.items.map((document) => view(document.id, document.data)), nextCursor: page.nextCursor };
  }

  @RpcHandler(ParkedEmailRpc.requeue)
  async requeue(@Payload() request: RequeueParkedEmailRequest): Promise<RequeuedEmail> {
    requirePlatformAdmin(request.actor);
    const result = await requeueParkedNotification(this.store, request.notificationId, Date.now());
    if (result.outcome === 'not_found') throw new DomainError('PARKED_EMAIL.NOT_FOUND', `No e-mail ${request.notificationId}`);
    if (result.outcome === 'not_parked') {
      throw new DomainError('PARKED_EMAIL.CONFLICT', `E-mail ${request.notificationId} is not parked (it is ${result.status})`, { status: result.status });
    }
    const { notificationId, kind, eventId } = result.document;
    this.logger.info({ notificationId, kind, eventId, requeues: result.document.requeues, by: request.actor.userId }, 'parked e-mail requeued');
    return { id: notificationId, status: 'queued', requeues: result.document.requeues ?? 1 };
  }
}

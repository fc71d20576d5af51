import { Controller, Inject, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ListParkedRequest,
  parkedMessagesRpc,
  RequeueParkedMessageRequest,
  type ActorDto,
  type Page,
  type ParkedMessageView,
  type RequeueParkedMessageResult,
} from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { PARKED_MESSAGES_COLLECTION, RpcHandler, type ParkedMessage } from '@broker/messaging';
import { SERVICE_RUNTIME } from './runtime.tokens';
import type { ServiceRuntime } from './service-runtime';

function requirePlatformAdmin(actor: ActorDto): void {
  if (actor.role !== 'platform_admin') throw new DomainError('PARKED_MESSAGE.FORBIDDEN', 'Only a platform admin may see or requeue parked messages');
}

/**
 * Answers `<service>.parked-messages.list` and `.requeue` for the integration events this service's consumers
 * parked (ADR 22). Like health, the patterns depend on the service, so the controller is made per service.
 */
export function parkedMessagesControllerFor(service: string): Type<unknown> {
  @Controller()
  class ParkedMessagesController {
    constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

    async list(@Payload() request: ListParkedRequest): Promise<Page<ParkedMessageView>> {
      requirePlatformAdmin(request.actor);
      // A service without consumers has no parked messages (nor their collection).
      if (this.runtime.integrationConsumers.length === 0) return { items: [], nextCursor: null };
      const page = await this.runtime.documentStore.find<ParkedMessage>(PARKED_MESSAGES_COLLECTION.name, {
        sort: { field: 'parkedAt', direction: 'desc' },
        limit: request.limit ?? 50,
        ...(request.cursor ? { cursor: request.cursor } : {}),
      });
      return {
        items: page.items.map(({ id, data }) => ({
          id,
          service,
          consumer: data.consumer,
          subject: data.subject,
          streamSequence: data.streamSequence,
          messageId: data.messageId,
          eventType: data.eventType,
          correlationId: data.envelope?.correlationId ?? null,
          error: data.error,
          attempts: data.attempts,
          parkedAt: data.parkedAt,
          failedRequeues: data.failedRequeues ?? 0,
        })),
        nextCursor: page.nextCursor,
      };
    }

    async requeue(@Payload() request: RequeueParkedMessageRequest): Promise<RequeueParkedMessageResult> {
      requirePlatformAdmin(request.actor);
      const notFound = new DomainError('PARKED_MESSAGE.NOT_FOUND', `No parked message ${request.id} in ${service}`);
      const consumerName = request.id.slice(0, Math.max(0, request.id.indexOf(':')));
      const consumer = this.runtime.integrationConsumers.find((c) => c.consumerName === consumerName);
      if (!consumer) throw notFound;
      const result = await consumer.requeue(request.id);
      switch (result.outcome) {
        case 'not_found':
          throw notFound;
        case 'unreadable':
          throw new DomainError('PARKED_MESSAGE.CONFLICT', 'The parked payload is not an integration event envelope; there is nothing to requeue');
        case 'failed':
          return { id: request.id, outcome: 'failed', error: result.error };
        default:
          return { id: request.id, outcome: result.outcome };
      }
    }
  }
  const contracts = parkedMessagesRpc(service);
  const prototype = ParkedMessagesController.prototype;
  RpcHandler(contracts.list)(prototype, 'list', Object.getOwnPropertyDescriptor(prototype, 'list')!);
  RpcHandler(contracts.requeue)(prototype, 'requeue', Object.getOwnPropertyDescriptor(prototype, 'requeue')!);
  return ParkedMessagesController;
}

import { Inject, Injectable } from '@nestjs/common';
import type { CreateResellerRequest, ResellerView } from '@broker/contracts';
import { DomainError, handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { resellerDecider } from '../domain/reseller.decider';
import { resellerStreamId } from '../domain/reseller.events';
import { toResellerView } from '../get-reseller/reseller.view';

@Injectable()
export class CreateResellerHandler {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(request: CreateResellerRequest, at = new Date()): Promise<ResellerView> {
    if (request.actor.role !== 'platform_admin') throw new DomainError('RESELLER.FORBIDDEN', 'Only a platform admin may create resellers');
    const { actor, resellerId, name, currency, notificationEmail, supportEmail } = request;
    const result = await handleCommand(
      this.store,
      resellerStreamId(resellerId),
      resellerDecider,
      { type: 'CreateReseller', data: { resellerId, name, currency, notificationEmail, supportEmail }, actorId: actor.userId, at },
      { metadata: commandMetadata(actor, { resellerId }) },
    );
    return toResellerView(result.newState, at);
  }
}

import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetResellerRequest, ResellerRpc, type ResellerView } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { resellerDecider } from '../domain/reseller.decider';
import { resellerStreamId } from '../domain/reseller.events';
import { ResellerNotFoundError } from '../domain/reseller.errors';
import { toResellerView } from './reseller.view';

/**
 * Reads the reseller from its own stream, so a GET right after the create sees it. A reseller admin sees only
 * their own reseller; any other id answers "not found", exactly as a missing one does.
 */
@Controller()
export class GetResellerController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @RpcHandler(ResellerRpc.get)
  async get(@Payload() request: GetResellerRequest): Promise<ResellerView> {
    const { actor, resellerId } = request;
    const allowed = actor.role === 'platform_admin' || (actor.role === 'reseller_admin' && actor.resellerId === resellerId);
    if (!allowed) throw new ResellerNotFoundError(resellerId);
    const events = await this.store.readStream(resellerStreamId(resellerId));
    if (events.length === 0) throw new ResellerNotFoundError(resellerId);
    const state = events.reduce((s, e) => resellerDecider.evolve(s, { type: e.type, data: e.data } as never), resellerDecider.initialState());
    return toResellerView(state, events[0]!.recordedAt);
  }
}

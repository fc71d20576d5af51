import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetResellerCurrencyRequest, ResellerRpc, type ResellerCurrency } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { resellerStreamId, type ResellerEvent } from '../domain/reseller.events';
import { ResellerNotFoundError } from '../domain/reseller.errors';

/**
 * The currency of a reseller's amounts, for any user of that reseller (the platform admin too): services that read
 * or write amounts without a product at hand (approval limits, default settings) ask it. Fixed when the reseller is
 * created, so its first event says it.
 */
@Controller()
export class ResellerCurrencyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @MessagePattern(ResellerRpc.currency)
  async get(@Payload() request: GetResellerCurrencyRequest): Promise<ResellerCurrency> {
    const { actor, resellerId } = request;
    if (actor.role !== 'platform_admin' && actor.resellerId !== resellerId) throw new ResellerNotFoundError(resellerId);
    const [first] = await this.store.readStream(resellerStreamId(resellerId), { maxCount: 1 });
    const created = first ? ({ type: first.type, data: first.data } as ResellerEvent) : null;
    if (created?.type !== 'ResellerCreated') throw new ResellerNotFoundError(resellerId);
    return { resellerId, currency: created.data.currency };
  }
}

import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetResellerCurrencyRequest, ResellerRpc, type ResellerCurrency } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { ResellerNotFoundError } from '../domain/reseller.errors';
import { readResellerCurrency } from './reseller-currency';

/**
 * The currency of a reseller's amounts, for any user of that reseller (the platform admin too): what reads or
 * writes amounts without a product or an organization at hand (the gateway's checks of a reseller's prices) asks it.
 */
@Controller()
export class ResellerCurrencyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @RpcHandler(ResellerRpc.currency)
  async get(@Payload() request: GetResellerCurrencyRequest): Promise<ResellerCurrency> {
    const { actor, resellerId } = request;
    if (actor.role !== 'platform_admin' && actor.resellerId !== resellerId) throw new ResellerNotFoundError(resellerId);
    const currency = await readResellerCurrency(this.store, resellerId);
    if (!currency) throw new ResellerNotFoundError(resellerId);
    return { resellerId, currency };
  }
}

import { Injectable } from '@nestjs/common';
import { ResellerRpc, type ActorDto } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';

/** Resellers kept; one entry is a few dozen bytes. */
const MAX_KEPT = 10_000;

/**
 * The currency of the caller's reseller, asked of the organizations service once and then kept: a reseller's currency
 * is fixed when it is created, so a kept answer never goes stale. Null for a caller without a reseller.
 */
@Injectable()
export class ResellerCurrencies {
  private readonly kept = new Map<string, string>();

  constructor(private readonly rpc: RpcClient) {}

  async of(actor: ActorDto): Promise<string | null> {
    const { resellerId } = actor;
    if (!resellerId) return null;
    const known = this.kept.get(resellerId);
    if (known) return known;
    const { currency } = await this.rpc.call(ResellerRpc.currency, { actor, resellerId });
    if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(resellerId, currency);
    return currency;
  }
}

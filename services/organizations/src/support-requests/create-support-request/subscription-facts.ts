import { Injectable } from '@nestjs/common';
import { SubscriptionRpc, type ActorDto, type SubscriptionView, type SupportRequestSubscriptionV1 } from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';
import { InvalidInputError } from '@broker/event-sourcing';

/** Answers of the catalog that mean "this caller has no such subscription". */
const NOT_THEIRS = new Set(['SUBSCRIPTION.NOT_FOUND', 'CATALOG.NOT_FOUND', 'CATALOG.FORBIDDEN', 'ORGANIZATION.NOT_FOUND']);

/**
 * The subscription a support request is about, asked of the catalog at the moment of the request with the caller
 * as actor: the caller must be able to see it (an `org_user` sees only the subscriptions assigned to them).
 */
@Injectable()
export class SubscriptionFacts {
  constructor(private readonly rpc: RpcClient) {}

  async of(actor: ActorDto, organizationId: string, subscriptionId: string): Promise<SupportRequestSubscriptionV1> {
    let view: SubscriptionView;
    try {
      view = await this.rpc.call(SubscriptionRpc.get, { actor, organizationId, subscriptionId });
    } catch (error) {
      if (error instanceof RpcCallError && NOT_THEIRS.has(error.code)) {
        throw new InvalidInputError([{ field: 'subscriptionId', message: 'subscriptionId must be a subscription of your organization that you can see' }]);
      }
      throw error;
    }
    return { subscriptionId: view.id, productId: view.productId, productName: view.productName, quantity: view.quantity, status: view.status };
  }
}

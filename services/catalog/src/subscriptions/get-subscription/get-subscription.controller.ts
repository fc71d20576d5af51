import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SubscriptionRequest, SubscriptionRpc, type SubscriptionView } from '@broker/contracts';
import { SUBSCRIPTION_READERS, SubscriptionAccess } from '../subscription-access';
import { toSubscriptionView } from '../subscription.view';

/** One subscription, from its stream. An `org_user` finds only those assigned to them. */
@Controller()
export class GetSubscriptionController {
  constructor(private readonly access: SubscriptionAccess) {}

  @MessagePattern(SubscriptionRpc.get)
  async get(@Payload() request: SubscriptionRequest): Promise<SubscriptionView> {
    const { actor, organizationId, subscriptionId } = request;
    return toSubscriptionView(await this.access.load(actor, organizationId, subscriptionId, SUBSCRIPTION_READERS, 'read subscriptions'));
  }
}

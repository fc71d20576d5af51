import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { SubscriptionRequest, SubscriptionRpc, type VersionedSubscriptionView } from '@broker/contracts';
import { SUBSCRIPTION_READERS, SubscriptionAccess } from '../subscription-access';
import { subscriptionVersion } from '../subscription-version';
import { toSubscriptionView } from '../subscription.view';

/** One subscription, from its stream, with its version. An `org_user` finds only those assigned to them. */
@Controller()
export class GetSubscriptionController {
  constructor(private readonly access: SubscriptionAccess) {}

  @RpcHandler(SubscriptionRpc.get)
  async get(@Payload() request: SubscriptionRequest): Promise<VersionedSubscriptionView> {
    const { actor, organizationId, subscriptionId } = request;
    const { state, revision } = await this.access.loadWithRevision(actor, organizationId, subscriptionId, SUBSCRIPTION_READERS);
    return { ...toSubscriptionView(state), version: subscriptionVersion(revision) };
  }
}

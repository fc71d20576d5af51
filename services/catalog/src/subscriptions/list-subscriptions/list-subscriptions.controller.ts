import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ListSubscriptionsRequest, SubscriptionRpc, type Page, type SubscriptionView } from '@broker/contracts';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, OrganizationAccessClient } from '@broker/runtime';
import { SUBSCRIPTION_READERS } from '../subscription-access';
import { pageOfHeld, toListItem } from '../subscription-list/subscription-page';
import { subscriptionListProjection, type SubscriptionListEntry } from '../subscription-list/subscription-list.projection';

/** Pages read while collecting an org user's own subscriptions (500 each). */
const MAX_SCAN_PAGES = 20;

/**
 * An organization's subscriptions, newest first: a read model (it may lag a write by a moment). An `org_user` sees
 * only the subscriptions assigned to them.
 */
@Controller()
export class ListSubscriptionsController {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly organizations: OrganizationAccessClient,
  ) {}

  @RpcHandler(SubscriptionRpc.list)
  async list(@Payload() request: ListSubscriptionsRequest): Promise<Page<SubscriptionView>> {
    const { actor, organizationId } = request;
    await this.organizations.authorize(actor, organizationId, SUBSCRIPTION_READERS);
    const collection = projectionCollection(subscriptionListProjection);
    const query = { where: { organizationId }, sort: { field: 'startedAt', direction: 'desc' as const } };
    if (actor.role !== 'org_user') {
      const page = await this.documents.find<SubscriptionListEntry>(collection, { ...query, limit: request.limit ?? 50, ...(request.cursor ? { cursor: request.cursor } : {}) });
      return { items: page.items.map((doc) => toListItem(doc.data)), nextCursor: page.nextCursor };
    }
    // The holders are a list inside each document: collect the organization's subscriptions and keep the user's own.
    const all: SubscriptionListEntry[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < MAX_SCAN_PAGES; i++) {
      const page: Awaited<ReturnType<DocumentStore['find']>> = await this.documents.find<SubscriptionListEntry>(collection, { ...query, limit: 500, ...(cursor ? { cursor } : {}) });
      all.push(...page.items.map((doc) => doc.data as SubscriptionListEntry));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return pageOfHeld(all, actor.userId, request.limit ?? 50, request.cursor);
  }
}

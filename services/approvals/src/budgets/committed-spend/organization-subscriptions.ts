import { Inject, Injectable } from '@nestjs/common';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import type { BudgetSubscription } from '../domain/committed-spend';
import { asBudgetSubscription, budgetSubscriptionsProjection, type BudgetSubscriptionDoc } from './budget-subscriptions.projection';

const PAGE = 500;

/** An organization's subscriptions as budgets count them (a read model: an approval a moment ago may not be in yet). */
@Injectable()
export class OrganizationSubscriptions {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  async of(organizationId: string): Promise<BudgetSubscription[]> {
    const all: BudgetSubscription[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.documents.find<BudgetSubscriptionDoc>(projectionCollection(budgetSubscriptionsProjection), {
        where: { organizationId },
        limit: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      all.push(...page.items.map((item) => asBudgetSubscription(item.data)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }
}

import { BaseServiceConfig } from '@broker/platform';
import { runService } from '@broker/runtime';
import { CatalogModule } from './catalog.module';
import { catalogEventMapper } from './integration-event-mapper';
import { productListProjection } from './products/product-list/product-list.projection';
import { ApprovedTransactionConsumer } from './subscriptions/apply-approved-transaction/approved-transaction.consumer';
import { subscriptionListProjection } from './subscriptions/subscription-list/subscription-list.projection';

void runService({
  service: 'catalog',
  configClass: BaseServiceConfig,
  module: CatalogModule,
  background: (_runtime, get) => ({
    mapper: catalogEventMapper,
    projections: [productListProjection, subscriptionListProjection],
    consumers: [{ name: 'approvals', from: 'approvals', handlers: get(ApprovedTransactionConsumer).handlers() }],
  }),
});

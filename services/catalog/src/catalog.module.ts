import { OrganizationAccessClient, ServiceModule } from '@broker/runtime';
import { catalogEventMapper } from './integration-event-mapper';
import { ChangeProductController } from './products/change-product/change-product.controller';
import { ChangeProductHandler } from './products/change-product/change-product.handler';
import { CreateProductController } from './products/create-product/create-product.controller';
import { CreateProductHandler } from './products/create-product/create-product.handler';
import { GetProductController } from './products/get-product/get-product.controller';
import { ListProductsController } from './products/list-products/list-products.controller';
import { productListProjection } from './products/product-list/product-list.projection';
import { ProductRepository } from './products/product.repository';
import { QuoteController } from './quote/quote.controller';
import { CurateStoreController } from './store/curate-store/curate-store.controller';
import { CurateStoreHandler } from './store/curate-store/curate-store.handler';
import { GetStoreController } from './store/get-store/get-store.controller';
import { StoreRepository } from './store/store.repository';
import { ApprovedTransactionConsumer } from './subscriptions/apply-approved-transaction/apply-approved-transaction.consumer';
import { GetSubscriptionController } from './subscriptions/get-subscription/get-subscription.controller';
import { OrganizationMembers } from './subscriptions/set-assignments/organization-members';
import { SetAssignmentsController } from './subscriptions/set-assignments/set-assignments.controller';
import { SetAssignmentsHandler } from './subscriptions/set-assignments/set-assignments.handler';
import { SubscriptionAccess } from './subscriptions/subscription-access';
import { ListSubscriptionsController } from './subscriptions/list-subscriptions/list-subscriptions.controller';
import { subscriptionListProjection } from './subscriptions/subscription-list/subscription-list.projection';
import { SubscriptionRepository } from './subscriptions/subscription.repository';

/** The catalog: products, curated e-stores, quotes, subscriptions and licence assignments. */
@ServiceModule({
  controllers: [
    CreateProductController,
    ChangeProductController,
    GetProductController,
    ListProductsController,
    CurateStoreController,
    GetStoreController,
    QuoteController,
    ListSubscriptionsController,
    GetSubscriptionController,
    SetAssignmentsController,
  ],
  providers: [
    OrganizationAccessClient,
    ProductRepository,
    CreateProductHandler,
    ChangeProductHandler,
    StoreRepository,
    CurateStoreHandler,
    SubscriptionRepository,
    SubscriptionAccess,
    OrganizationMembers,
    SetAssignmentsHandler,
  ],
  mapper: catalogEventMapper,
  projections: [productListProjection, subscriptionListProjection],
  consumers: [ApprovedTransactionConsumer],
})
export class CatalogModule {}

import { Module } from '@nestjs/common';
import { SubscriptionsApiModule } from '../subscriptions/subscriptions-api.module';
import { CatalogProductsController } from './catalog-products.controller';
import { OrganizationStoreController } from './organization-store.controller';

/** Catalog and e-store section of api-v1.md; brings the subscriptions reads and assignments along. */
@Module({
  imports: [SubscriptionsApiModule],
  controllers: [CatalogProductsController, OrganizationStoreController],
})
export class CatalogApiModule {}

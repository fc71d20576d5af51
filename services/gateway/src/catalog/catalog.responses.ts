import { ApiProperty } from '@nestjs/swagger';
import { BILLING_FREQUENCIES, type BillingFrequency, type Page, type ProductView, type StoreItemView, type StoreView } from '@broker/contracts';
import { moneyAnswer } from '../money/money.openapi';
import { Documents } from '../openapi/documents-contract';

/** Response shapes, for the OpenAPI document. */
@Documents<ProductView>()
export class ProductResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  resellerId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  vendor!: string;

  @ApiProperty()
  sku!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: BILLING_FREQUENCIES })
  billingFrequency!: BillingFrequency;

  @ApiProperty({ example: '10.50', description: moneyAnswer() })
  price!: string;

  @ApiProperty({ example: '8.00', description: moneyAnswer('Your own cost: never shown to customers') })
  cost!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ example: '2026-03-16T09:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2026-03-16T09:00:00.000Z' })
  updatedAt!: string;
}

@Documents<Page<ProductView>>()
export class ProductListResponse {
  @ApiProperty({ type: [ProductResponse] })
  items!: ProductResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@Documents<StoreItemView>()
export class StoreItemResponse {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  vendor!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: BILLING_FREQUENCIES })
  billingFrequency!: BillingFrequency;

  @ApiProperty({ example: '9.90', description: moneyAnswer('The organization price if set, else the catalog price') })
  price!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;
}

/** The version goes in the ETag header, not the body. */
@Documents<Omit<StoreView, 'version'>>()
export class StoreResponse {
  @ApiProperty({ type: [StoreItemResponse] })
  items!: StoreItemResponse[];
}

import { ApiProperty } from '@nestjs/swagger';
import { BILLING_FREQUENCIES } from '@broker/contracts';
import { moneyAnswer } from '../money/money.openapi';

/** Response shapes, for the OpenAPI document. */
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
  billingFrequency!: string;

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

export class ProductListResponse {
  @ApiProperty({ type: [ProductResponse] })
  items!: ProductResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

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
  billingFrequency!: string;

  @ApiProperty({ example: '9.90', description: moneyAnswer('The organization price if set, else the catalog price') })
  price!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;
}

export class StoreResponse {
  @ApiProperty({ type: [StoreItemResponse] })
  items!: StoreItemResponse[];
}

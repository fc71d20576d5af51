import { ChangeProductRequest, CreateProductRequest, CurateStoreRequest, StoreProductDto } from '@broker/contracts';
import { moneyInput } from '../money/money.openapi';
import { bodyFromContract } from '../openapi/body-from-contract';

const MONEY = [{ type: 'string', example: '10.50' }, { type: 'number', example: 10.5 }];

/** POST /catalog/products. */
export class CreateProductBody extends bodyFromContract(CreateProductRequest, {
  name: { example: 'Microsoft 365 E3' },
  vendor: { example: 'Microsoft' },
  sku: { example: 'M365-E3', description: 'Unique within your catalog, whatever its case; no blanks' },
  description: { example: 'Office apps, e-mail and Teams' },
  billingFrequency: {},
  price: { oneOf: MONEY, description: moneyInput('Sell price per unit per billing period') },
  cost: { oneOf: MONEY, description: moneyInput('Your own cost per unit per billing period: never shown to customers') },
}) {}

/** PATCH /catalog/products/{productId}: absent fields stay as they are. */
export class ChangeProductBody extends bodyFromContract(ChangeProductRequest, {
  name: {},
  vendor: {},
  sku: {},
  description: {},
  billingFrequency: {},
  price: { oneOf: MONEY, description: moneyInput() },
  cost: { oneOf: MONEY, description: moneyInput() },
}) {}

export class StoreProductBody extends bodyFromContract(StoreProductDto, {
  productId: {},
  price: { oneOf: MONEY, nullable: true, description: moneyInput("The organization's own price; absent or null: the catalog price applies") },
}) {}

/** PUT /organizations/{orgId}/store: the whole store ("set to"); each product is validated as the contract's StoreProductDto. */
export class CurateStoreBody extends bodyFromContract(CurateStoreRequest, {
  products: { type: [StoreProductBody] },
}) {}


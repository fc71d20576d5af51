import { ChangeQuantityRequest, OrderRequest } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';

export class OrderBody extends bodyFromContract(OrderRequest, {
  productId: { description: "A product of the organization's e-store" },
  quantity: { example: 10 },
  costCentre: { required: false, example: 'Sales', description: "The cost centre the new subscription counts towards, for the cost centre's budget; absent: none" },
}) {}

export class ChangeQuantityBody extends bodyFromContract(ChangeQuantityRequest, {
  quantity: { example: 12, description: 'The new quantity: not the current one, and not below the number of users assigned to the subscription' },
}) {}

import { IsOptional, IsUUID } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/**
 * Service-to-service: the approvals service asks the catalog, at the moment of a request, what the organization
 * pays for a product and where a subscription stands. A product outside the organization's e-store, a subscription
 * of another organization, or an organization the actor may not see answers CATALOG.NOT_FOUND.
 */
export const QuoteRpc = {
  quote: rpc<QuoteRequest, Quote>('catalog.quote', { errors: ['ORGANIZATION.NOT_FOUND', 'CATALOG.NOT_FOUND', 'PRODUCT.NOT_FOUND'] }),
} as const;

export class QuoteRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  /** For a new order: the product as offered in the organization's e-store. */
  @IsOptional()
  @IsUUID()
  productId?: string;

  /**
   * For a change or cancellation: the subscription it concerns (its product and price are quoted). With `productId`
   * too, a subscription the catalog does not have yet (approved a moment ago) is quoted as that product, with
   * `subscription: null`.
   */
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;
}

export interface Quote {
  organizationId: string;
  resellerId: string;
  productId: string;
  productName: string;
  billingFrequency: 'monthly' | 'annual';
  /** The organization's price per unit per period: its e-store price, else the catalog price. A decimal in `currency`. */
  unitPrice: string;
  currency: string;
  /** `sequence`: the sequence of the last approved transaction the catalog has applied to it (the order is 0). */
  subscription: { id: string; quantity: number; assignedCount: number; status: 'active' | 'cancelled'; sequence: number } | null;
}

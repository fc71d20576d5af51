import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsMoneyAmount } from '../approvals/money';
import { ActorDto } from '../auth/actor';
import type { BillingFrequency } from './product.rpc';
import { ActorField, ExpectedVersionsField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/**
 * The curated e-store of one organization: which of its reseller's products it may see and order, each optionally
 * at an organization price. Curated by the reseller's admins ("set to"); read by them and the organization's users.
 * Never carries the cost. Another tenant's organization answers ORGANIZATION.NOT_FOUND.
 */
export const StoreRpc = {
  curate: rpc<CurateStoreRequest, StoreView>('catalog.store.curate', { errors: ['ORGANIZATION.NOT_FOUND', 'CATALOG.FORBIDDEN', 'PRODUCT.NOT_FOUND', 'STORE.VERSION_MISMATCH'] }),
  get: rpc<GetStoreRequest, StoreView>('catalog.store.get', { errors: ['ORGANIZATION.NOT_FOUND', 'CATALOG.FORBIDDEN'] }),
} as const;

/** At most this many products in one organization's store. */
export const MAX_STORE_PRODUCTS = 1000;

export class StoreProductDto {
  @IsUUID()
  productId!: string;

  /** The organization's price per unit per period; absent or null: the catalog price applies. */
  @IsOptional()
  @IsMoneyAmount()
  price?: string | number | null;
}

export class GetStoreRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

export class CurateStoreRequest extends GetStoreRequest {
  @IsArray()
  @ArrayMaxSize(MAX_STORE_PRODUCTS)
  @ValidateNested({ each: true })
  @Type(() => StoreProductDto)
  products!: StoreProductDto[];

  /** If-Match: the store `version`s under which the change may happen (absent: any). */
  @ExpectedVersionsField()
  expectedVersions?: string[];
}

/** One product of the store as the organization sees it: its price is the organization price if set. */
export interface StoreItemView {
  productId: string;
  name: string;
  vendor: string;
  description: string;
  billingFrequency: BillingFrequency;
  price: string;
  currency: string;
}

export interface StoreView {
  items: StoreItemView[];
  /**
   * Changes when the store is curated and when a product in it changes (its name or price shows here), read from
   * their streams. Opaque: compare it, never parse it.
   */
  version: string;
}

import { IsDefined, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsMoneyAmount } from '../approvals/money';
import { ActorDto } from '../auth/actor';
import { ActorField, PageLimitField, PageCursorField } from '../shared/request-fields';
import type { Page } from '../organizations/reseller.rpc';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';

/**
 * A reseller's catalog (api-v1.md, Catalog and e-store). Only the reseller's own admins manage and read it; the
 * catalog service checks role and tenant of `actor` itself: another reseller's product answers PRODUCT.NOT_FOUND.
 */
export const ProductRpc = {
  create: rpc<CreateProductRequest, ProductView>('catalog.product.create', { errors: ['CATALOG.FORBIDDEN', 'RESELLER.NOT_FOUND', 'PRODUCT.ALREADY_EXISTS', 'PRODUCT.DUPLICATE_SKU'] }),
  list: rpc<ListProductsRequest, Page<ProductView>>('catalog.product.list', { errors: ['CATALOG.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
  get: rpc<ProductRequest, ProductView>('catalog.product.get', { errors: ['CATALOG.FORBIDDEN', 'PRODUCT.NOT_FOUND'] }),
  change: rpc<ChangeProductRequest, ProductView>('catalog.product.change', { errors: ['CATALOG.FORBIDDEN', 'PRODUCT.NOT_FOUND', 'PRODUCT.DUPLICATE_SKU'] }),
} as const;

export const BILLING_FREQUENCIES = ['monthly', 'annual'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

/** Something other than blanks. */
const VISIBLE = /\S/;
/** A SKU: printable characters without blanks. */
export const SKU_PATTERN = /^\S+$/;

export class ProductFieldsDto {
  @IsString()
  @Matches(VISIBLE, { message: 'name must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  name!: string;

  @IsString()
  @Matches(VISIBLE, { message: 'vendor must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  vendor!: string;

  /** Unique within the reseller's catalog, whatever its case. */
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku must not be empty or contain blanks' })
  @MaxLength(100)
  @IsPlainText()
  sku!: string;

  @IsString()
  @MaxLength(4000)
  @IsPlainText({ multiline: true })
  description!: string;

  @IsIn(BILLING_FREQUENCIES)
  billingFrequency!: BillingFrequency;

  /** Sell price per unit per billing period, in the reseller's currency. */
  @IsDefined()
  @IsMoneyAmount()
  price!: string | number;

  /** The reseller's own cost per unit per billing period: never shown to customers. */
  @IsDefined()
  @IsMoneyAmount()
  cost!: string | number;
}

export class CreateProductRequest extends ProductFieldsDto {
  @ActorField()
  actor!: ActorDto;

  /** Chosen by the caller so a retried request creates nothing twice. */
  @IsUUID()
  productId!: string;
}

export class ProductRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  productId!: string;
}

/** A partial change: absent fields stay as they are. */
export class ChangeProductRequest extends ProductRequest {
  @IsOptional()
  @IsString()
  @Matches(VISIBLE, { message: 'name must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @IsOptional()
  @IsString()
  @Matches(VISIBLE, { message: 'vendor must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  vendor?: string;

  @IsOptional()
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku must not be empty or contain blanks' })
  @MaxLength(100)
  @IsPlainText()
  sku?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @IsPlainText({ multiline: true })
  description?: string;

  @IsOptional()
  @IsIn(BILLING_FREQUENCIES)
  billingFrequency?: BillingFrequency;

  @IsOptional()
  @IsMoneyAmount()
  price?: string | number;

  @IsOptional()
  @IsMoneyAmount()
  cost?: string | number;
}

export class ListProductsRequest {
  @ActorField()
  actor!: ActorDto;

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

/** A product as its reseller's admins see it (with cost). Money: decimal strings in `currency`, with its number of decimals. */
export interface ProductView {
  id: string;
  resellerId: string;
  name: string;
  vendor: string;
  sku: string;
  description: string;
  billingFrequency: BillingFrequency;
  price: string;
  cost: string;
  currency: string;
  createdAt: string;
  updatedAt: string;
}

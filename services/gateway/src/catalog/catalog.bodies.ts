import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { BILLING_FREQUENCIES, IsMoneyAmount, IsPlainText, MAX_STORE_PRODUCTS, SKU_PATTERN, type BillingFrequency } from '@broker/contracts';
import { moneyInput } from '../money/money.openapi';

const MONEY = [{ type: 'string', example: '10.50' }, { type: 'number', example: 10.5 }];
const VISIBLE = /\S/;

/** POST /catalog/products. */
export class CreateProductBody {
  @ApiProperty({ example: 'Microsoft 365 E3' })
  @IsString()
  @Matches(VISIBLE, { message: 'name must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  name!: string;

  @ApiProperty({ example: 'Microsoft' })
  @IsString()
  @Matches(VISIBLE, { message: 'vendor must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  vendor!: string;

  @ApiProperty({ example: 'M365-E3', description: 'Unique within your catalog, whatever its case; no blanks' })
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku must not be empty or contain blanks' })
  @MaxLength(100)
  @IsPlainText()
  sku!: string;

  @ApiProperty({ example: 'Office apps, e-mail and Teams' })
  @IsString()
  @MaxLength(4000)
  @IsPlainText({ multiline: true })
  description!: string;

  @ApiProperty({ enum: BILLING_FREQUENCIES })
  @IsIn(BILLING_FREQUENCIES)
  billingFrequency!: BillingFrequency;

  @ApiProperty({ oneOf: MONEY, description: moneyInput('Sell price per unit per billing period') })
  @IsDefined()
  @IsMoneyAmount()
  price!: string | number;

  @ApiProperty({ oneOf: MONEY, description: moneyInput('Your own cost per unit per billing period: never shown to customers') })
  @IsDefined()
  @IsMoneyAmount()
  cost!: string | number;
}

/** PATCH /catalog/products/{productId}: absent fields stay as they are. */
export class ChangeProductBody {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(VISIBLE, { message: 'name must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(VISIBLE, { message: 'vendor must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  vendor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(SKU_PATTERN, { message: 'sku must not be empty or contain blanks' })
  @MaxLength(100)
  @IsPlainText()
  sku?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  @IsPlainText({ multiline: true })
  description?: string;

  @ApiPropertyOptional({ enum: BILLING_FREQUENCIES })
  @IsOptional()
  @IsIn(BILLING_FREQUENCIES)
  billingFrequency?: BillingFrequency;

  @ApiPropertyOptional({ oneOf: MONEY, description: moneyInput() })
  @IsOptional()
  @IsMoneyAmount()
  price?: string | number;

  @ApiPropertyOptional({ oneOf: MONEY, description: moneyInput() })
  @IsOptional()
  @IsMoneyAmount()
  cost?: string | number;
}

export class StoreProductBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId!: string;

  @ApiPropertyOptional({ oneOf: MONEY, nullable: true, description: moneyInput("The organization's own price; absent or null: the catalog price applies") })
  @IsOptional()
  @IsMoneyAmount()
  price?: string | number | null;
}

/** PUT /organizations/{orgId}/store: the whole store ("set to"). */
export class CurateStoreBody {
  @ApiProperty({ type: [StoreProductBody], maxItems: MAX_STORE_PRODUCTS })
  @IsArray()
  @ArrayMaxSize(MAX_STORE_PRODUCTS)
  @ValidateNested({ each: true })
  @Type(() => StoreProductBody)
  products!: StoreProductBody[];
}

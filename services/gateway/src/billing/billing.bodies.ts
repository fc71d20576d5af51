import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsPlainText } from '@broker/contracts';

const VISIBLE = /\S/;

/** PUT /organizations/{orgId}/billing/details: the whole resource ("set to"). */
export class BillingDetailsBody {
  @ApiProperty({ example: 'Bea Billing' })
  @IsString()
  @Matches(VISIBLE, { message: 'billingContactName must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  billingContactName!: string;

  @ApiProperty({ example: 'billing@contoso.com' })
  @IsEmail({}, { message: 'billingEmail must be an e-mail address' })
  @MaxLength(254)
  billingEmail!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'PO-2026-0042', description: 'Purchase order or other reference printed on invoices' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  purchaseOrderReference?: string | null;

  @ApiProperty({ example: 'Contoso Ltd\nMain Street 1\n12345 Springfield', description: 'As printed on invoices; lines separated by newlines' })
  @IsString()
  @Matches(VISIBLE, { message: 'invoiceAddress must not be empty' })
  @MaxLength(1000)
  @IsPlainText({ multiline: true })
  invoiceAddress!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEmail, IsObject, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsMoneyAmount } from '@broker/contracts';
import { moneyInput } from '../money/money.openapi';

export class DynamicApprovalBody {
  @ApiProperty({ description: 'When enabled it replaces approvalRequired: a transaction needs approval exactly when its annual value exceeds annualLimit' })
  @IsBoolean()
  enabled!: boolean;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string', example: '1000.00' }, { type: 'number', example: 1000 }],
    description: moneyInput('Required when enabled; omitted while disabled keeps the current limit'),
  })
  @ValidateIf((o: DynamicApprovalBody) => o.enabled === true || o.annualLimit !== undefined)
  @IsDefined({ message: 'annualLimit is required when dynamic approval is enabled' })
  @IsMoneyAmount()
  annualLimit?: string | number;
}

/** PUT /organizations/{orgId}/settings: the whole settings resource ("set to"). */
export class OrganizationSettingsBody {
  @ApiProperty({ example: 'it@contoso.com' })
  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;

  @ApiProperty({ description: 'Every transaction needs approval' })
  @IsBoolean()
  approvalRequired!: boolean;

  @ApiProperty({ type: DynamicApprovalBody })
  @IsObject()
  @ValidateNested()
  @Type(() => DynamicApprovalBody)
  dynamicApproval!: DynamicApprovalBody;

  @ApiProperty({ example: '2026-01-01', description: 'YYYY-MM-DD: the organization sees no charges dated before it' })
  @IsCalendarDate()
  billingStartDate!: string;
}

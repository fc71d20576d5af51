import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { moneyAnswer } from '../money/money.openapi';

/** Response shapes, for the OpenAPI document. */
export class DynamicApprovalResponse {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ example: '1000.00', description: moneyAnswer() })
  annualLimit!: string;
}

export class OrganizationSettingsResponse {
  @ApiProperty()
  notificationEmail!: string;

  @ApiProperty()
  approvalRequired!: boolean;

  @ApiProperty({ type: DynamicApprovalResponse })
  dynamicApproval!: DynamicApprovalResponse;

  @ApiProperty({ example: '2026-03-16' })
  billingStartDate!: string;
}

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  resellerId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'contoso.com' })
  primaryDomain!: string;

  @ApiProperty({ type: [String], example: ['contoso.com', 'contoso.de'] })
  domains!: string[];

  @ApiProperty()
  notificationEmail!: string;

  @ApiProperty({ example: '2026-03-16T09:00:00.000Z' })
  createdAt!: string;

  @ApiPropertyOptional({ type: OrganizationSettingsResponse, description: 'Present for the roles that may read settings' })
  settings?: OrganizationSettingsResponse;
}

export class OrganizationListItemResponse extends OrganizationResponse {
  @ApiProperty()
  usersCount!: number;
}

export class OrganizationListResponse {
  @ApiProperty({ type: [OrganizationListItemResponse] })
  items!: OrganizationListItemResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

export class OrganizationDomainResponse {
  @ApiProperty({ example: 'contoso.com' })
  domain!: string;

  @ApiProperty()
  primary!: boolean;
}

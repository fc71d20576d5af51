import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApprovalPolicyView, OrganizationDomainStatus, OrganizationDomainView, OrganizationListItem, OrganizationOwnSettings, OrganizationView, Page } from '@broker/contracts';
import { moneyAnswer } from '../money/money.openapi';
import { Documents } from '../openapi/documents-contract';

/** The settings resource: the organization's own settings and its approval policy in one, versions in the ETag. */
type OrganizationSettings = Pick<OrganizationOwnSettings, 'notificationEmail' | 'billingStartDate'> & Pick<ApprovalPolicyView, 'approvalRequired' | 'dynamicApproval'>;
/** An organization over HTTP: its billing start date is read with the settings, which only some roles may read. */
type OrganizationAnswer<View extends OrganizationView> = Omit<View, 'billingStartDate'> & { settings?: OrganizationSettings };

/** Response shapes, for the OpenAPI document. */
@Documents<ApprovalPolicyView['dynamicApproval']>()
export class DynamicApprovalResponse {
  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ example: '1000.00', description: moneyAnswer() })
  annualLimit!: string;
}

@Documents<OrganizationSettings>()
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

@Documents<OrganizationAnswer<OrganizationView>>()
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

@Documents<OrganizationAnswer<OrganizationListItem>>()
export class OrganizationListItemResponse extends OrganizationResponse {
  @ApiProperty()
  usersCount!: number;
}

@Documents<Page<OrganizationAnswer<OrganizationListItem>>>()
export class OrganizationListResponse {
  @ApiProperty({ type: [OrganizationListItemResponse] })
  items!: OrganizationListItemResponse[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@Documents<NonNullable<OrganizationDomainView['verification']>>()
export class DomainVerificationRecordResponse {
  @ApiProperty({ example: '_broker-verification.contoso.de' })
  recordName!: string;

  @ApiProperty({ example: 'broker-domain-verification=5f0c9a3e8b7d41c2a6e1f09b3d4c7a21' })
  recordValue!: string;
}

@Documents<OrganizationDomainView>()
export class OrganizationDomainResponse {
  @ApiProperty({ example: 'contoso.com' })
  domain!: string;

  @ApiProperty()
  primary!: boolean;

  @ApiProperty({
    enum: ['verified', 'pending', 'expired'],
    description:
      'verified: the organization\'s, usable for usernames and unique on the platform; pending: waiting for its DNS TXT record or the reseller\'s approval, claims nothing; expired: not proven in time (add it again for a new record)',
  })
  status!: OrganizationDomainStatus;

  @ApiPropertyOptional({ type: DomainVerificationRecordResponse, description: 'For a pending domain, to reseller and organization admins: the TXT record that proves ownership' })
  verification?: DomainVerificationRecordResponse;

  @ApiPropertyOptional({ description: 'For a pending domain: when its verification runs out (ISO 8601 UTC)' })
  expiresAt?: string;
}

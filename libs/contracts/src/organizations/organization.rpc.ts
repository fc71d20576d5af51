import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Matches } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { IsCalendarDate } from './calendar-date';
import { IsInternetDomainName } from './internet-domain-name';
import { ActorField, ExpectedVersionsField, PageLimitField, PageCursorField } from '../shared/request-fields';
import type { Page } from './reseller.rpc';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';

/**
 * Organizations of a reseller, their domains and the settings the organizations service owns (notification
 * e-mail, billing start date). The approval policy lives in the approvals service (ApprovalPolicyRpc).
 */
export const OrganizationRpc = {
  create: rpc<CreateOrganizationRequest, OrganizationView>('organizations.organization.create', { errors: ['RESELLER.NOT_FOUND', 'ORGANIZATION.FORBIDDEN', 'ORGANIZATION.ALREADY_EXISTS', 'DOMAIN.ALREADY_CLAIMED'] }),
  get: rpc<GetOrganizationRequest, OrganizationView>('organizations.organization.get', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN'] }),
  list: rpc<ListOrganizationsRequest, Page<OrganizationListItem>>('organizations.organization.list', { errors: ['ORGANIZATION.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
  change: rpc<ChangeOrganizationRequest, OrganizationView>('organizations.organization.change', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN'] }),
  addDomain: rpc<AddOrganizationDomainRequest, OrganizationDomainView>('organizations.organization.add-domain', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN', 'DOMAIN.ALREADY_CLAIMED', 'DOMAIN.CONFLICT'] }),
  removeDomain: rpc<OrganizationDomainRequest, { ok: true }>('organizations.organization.remove-domain', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN', 'DOMAIN.NOT_FOUND', 'DOMAIN.CONFLICT'] }),
  /** Verified and pending domains (OrganizationDomainView[]). */
  listDomains: rpc<GetOrganizationRequest, OrganizationDomainView[]>('organizations.organization.list-domains', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN'] }),
  /** Checks the pending domain's DNS TXT record now (OrganizationDomainRequest -> OrganizationDomainView). */
  verifyDomain: rpc<OrganizationDomainRequest, OrganizationDomainView>('organizations.organization.verify-domain', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN', 'DOMAIN.NOT_FOUND', 'DOMAIN.CONFLICT', 'DOMAIN.ALREADY_CLAIMED'] }),
  /** The reseller admin vouches for a pending domain (OrganizationDomainRequest -> OrganizationDomainView). */
  approveDomain: rpc<OrganizationDomainRequest, OrganizationDomainView>('organizations.organization.approve-domain', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN', 'DOMAIN.NOT_FOUND', 'DOMAIN.FORBIDDEN', 'DOMAIN.CONFLICT', 'DOMAIN.ALREADY_CLAIMED'] }),
  getSettings: rpc<GetOrganizationSettingsRequest, OrganizationOwnSettings>('organizations.organization.get-settings', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN'] }),
  /** "Set to": records nothing when the settings are already so, so a repeated request is safe. */
  setSettings: rpc<SetOrganizationSettingsRequest, OrganizationOwnSettings>('organizations.organization.set-settings', { errors: ['ORGANIZATION.NOT_FOUND', 'ORGANIZATION.FORBIDDEN', 'ORGANIZATION_SETTINGS.VERSION_MISMATCH'] }),
} as const;

export class OrganizationRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

export class CreateOrganizationRequest extends OrganizationRequest {
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  @IsPlainText()
  name!: string;

  @IsInternetDomainName()
  primaryDomain!: string;

  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;
}

export class GetOrganizationRequest extends OrganizationRequest {}

export class ListOrganizationsRequest {
  @ActorField()
  actor!: ActorDto;

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export class ChangeOrganizationRequest extends OrganizationRequest {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  notificationEmail?: string;
}

export class OrganizationDomainRequest extends OrganizationRequest {
  /** Any case; stored lower-cased. Removal accepts any string and answers 404 for one that is not a domain. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  domain!: string;
}

export class AddOrganizationDomainRequest extends OrganizationRequest {
  @IsInternetDomainName()
  domain!: string;
}

export class GetOrganizationSettingsRequest extends OrganizationRequest {}

export class SetOrganizationSettingsRequest extends OrganizationRequest {
  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;

  @IsCalendarDate()
  billingStartDate!: string;

  /** If-Match: the settings' `version`s under which the change may happen (absent: any). */
  @ExpectedVersionsField()
  expectedVersions?: string[];
}

export interface OrganizationView {
  id: string;
  resellerId: string;
  name: string;
  /** Lower case; also the first entry of `domains`. */
  primaryDomain: string;
  domains: string[];
  notificationEmail: string;
  /** `YYYY-MM-DD`; the creation date (UTC) unless set. */
  billingStartDate: string;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** An entry of the organizations list (a read model: may lag a write by a moment). */
export interface OrganizationListItem extends OrganizationView {
  usersCount: number;
}

export type OrganizationDomainStatus = 'verified' | 'pending' | 'expired';

export interface OrganizationDomainView {
  domain: string;
  primary: boolean;
  /**
   * verified: the organization's (usable for usernames, unique on the platform); pending: waiting for its DNS
   * record or the reseller's approval, claims nothing; expired: not proven in time (add it again).
   */
  status: OrganizationDomainStatus;
  /** For a pending domain, to those who manage the domains: the TXT record that proves ownership. */
  verification?: { recordName: string; recordValue: string };
  /** For a pending domain: when its verification request runs out (ISO 8601 UTC). */
  expiresAt?: string;
}

/** The settings the organizations service owns. */
export interface OrganizationOwnSettings {
  organizationId: string;
  notificationEmail: string;
  billingStartDate: string;
  /**
   * Changes exactly when the notification e-mail or billing start date change (by this RPC or by a change of the
   * organization), read from the organization's stream. Opaque: compare it, never parse it.
   */
  version: string;
}

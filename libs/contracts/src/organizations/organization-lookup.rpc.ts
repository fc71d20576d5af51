import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/**
 * Service-to-service: other services check an organization at the moment of a command (identity: does this
 * username's domain belong to the organization?). Answers ORGANIZATION.NOT_FOUND for a missing organization and
 * for one the actor may not see (another reseller's, another organization's), exactly alike.
 */
export const OrganizationLookupRpc = {
  lookup: rpc<LookupOrganizationRequest, OrganizationLookup>('organizations.organization.lookup', { errors: ['ORGANIZATION.NOT_FOUND', 'RESELLER.NOT_FOUND'] }),
} as const;

export class LookupOrganizationRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  /** Also answer the reseller's currency (services that read or write the organization's amounts ask for it). */
  @IsOptional()
  @IsBoolean()
  includeCurrency?: boolean;
}

export interface OrganizationLookup {
  organizationId: string;
  resellerId: string;
  name: string;
  /** Lower case; the primary domain is also in `domains`. */
  primaryDomain: string;
  domains: string[];
  notificationEmail: string;
  /**
   * The reseller's currency (ISO 4217, fixed when the reseller was created), when asked with `includeCurrency`: the
   * organization's amounts are in it. Without it, amounts are read and written with two decimals, as before.
   */
  currency?: string;
}

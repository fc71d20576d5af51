import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { LookupOrganizationRequest, OrganizationLookupRpc, type OrganizationLookup } from '@broker/contracts';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { readResellerCurrency } from '../../resellers/reseller-currency/reseller-currency';
import { toOrganizationLookup } from '../get-organization/organization.view';
import { OrganizationRepository } from '../organization.repository';

/**
 * Other services check an organization at the moment of a command (identity: the username's domain and the
 * tenant of a new user; approvals: the tenant of a policy change). Read from the stream, so an organization
 * created a moment ago is found. ORGANIZATION.NOT_FOUND for a missing one and for one the actor may not see.
 * Asked for it, the answer names the reseller's currency, in which the organization's amounts are.
 */
@Controller()
export class LookupOrganizationController {
  constructor(
    private readonly organizations: OrganizationRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @RpcHandler(OrganizationLookupRpc.lookup)
  async lookup(@Payload() request: LookupOrganizationRequest): Promise<OrganizationLookup> {
    const organization = await this.organizations.loadFor(request.actor, request.organizationId, 'read');
    const lookup = toOrganizationLookup(organization);
    if (!request.includeCurrency) return lookup;
    const currency = await readResellerCurrency(this.store, organization.resellerId);
    return currency ? { ...lookup, currency } : lookup;
  }
}

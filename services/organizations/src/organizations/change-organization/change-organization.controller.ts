import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ChangeOrganizationRequest, OrganizationRpc, type OrganizationView } from '@broker/contracts';
import { toOrganizationView } from '../get-organization/organization.view';
import { OrganizationRepository } from '../organization.repository';

/** Name and notification e-mail; the reseller's admins and the organization's own admins may change them. */
@Controller()
export class ChangeOrganizationController {
  constructor(private readonly organizations: OrganizationRepository) {}

  @RpcHandler(OrganizationRpc.change)
  async change(@Payload() request: ChangeOrganizationRequest): Promise<OrganizationView> {
    const { actor, organizationId } = request;
    const organization = await this.organizations.loadFor(actor, organizationId, 'change');
    const data: { organizationId: string; name?: string; notificationEmail?: string } = { organizationId };
    if (typeof request.name === 'string') data.name = request.name.trim();
    if (typeof request.notificationEmail === 'string') data.notificationEmail = request.notificationEmail;
    const changed = await this.organizations.execute(actor, organization, { type: 'ChangeOrganization', data, actorId: actor.userId, at: new Date() });
    return toOrganizationView(changed);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetOrganizationSettingsRequest, OrganizationRpc, SetOrganizationSettingsRequest, type OrganizationOwnSettings } from '@broker/contracts';
import { toOwnSettings } from '../get-organization/organization.view';
import { OrganizationRepository } from '../organization.repository';

/**
 * The settings this service owns: notification e-mail and billing start date. (The approval policy is the
 * approvals service's; the gateway composes both into one settings resource.) Both answer the settings' version.
 */
@Controller()
export class OrganizationSettingsController {
  constructor(private readonly organizations: OrganizationRepository) {}

  @RpcHandler(OrganizationRpc.getSettings)
  async get(@Payload() request: GetOrganizationSettingsRequest): Promise<OrganizationOwnSettings> {
    const { state, settingsVersion } = await this.organizations.loadVersionedFor(request.actor, request.organizationId, 'readSettings');
    return toOwnSettings(state, settingsVersion);
  }

  /** "Set to": records nothing when both are already so, so a repeated request is safe. */
  @RpcHandler(OrganizationRpc.setSettings)
  async set(@Payload() request: SetOrganizationSettingsRequest): Promise<OrganizationOwnSettings> {
    const { actor, organizationId, notificationEmail, billingStartDate, expectedVersions } = request;
    const organization = await this.organizations.loadFor(actor, organizationId, 'changeSettings');
    const { state, settingsVersion } = await this.organizations.executeOnSettings(
      actor,
      organization,
      { type: 'SetOrganizationSettings', data: { organizationId, notificationEmail, billingStartDate }, actorId: actor.userId, at: new Date() },
      expectedVersions,
    );
    return toOwnSettings(state, settingsVersion);
  }
}

import { Module } from '@nestjs/common';
import { OrganizationDomainsController } from './organization-internet-domains.controller';
import { OrganizationSettingsClient } from './organization-settings.client';
import { OrganizationSettingsController } from './organization-settings.controller';
import { OrganizationsController } from './organizations.controller';

/** Organizations section of api-v1.md: organizations, settings, domains. */
@Module({
  controllers: [OrganizationsController, OrganizationDomainsController, OrganizationSettingsController],
  providers: [OrganizationSettingsClient],
})
export class OrganizationsApiModule {}

import { Module } from '@nestjs/common';
import { OrganizationInternetDomainsController } from './organization-internet-domains.controller';
import { OrganizationSettingsClient } from './organization-settings.client';
import { OrganizationSettingsController } from './organization-settings.controller';
import { OrganizationsController } from './organizations.controller';

/** Organizations section of api-v1.md: organizations, settings, domains. */
@Module({
  controllers: [OrganizationsController, OrganizationInternetDomainsController, OrganizationSettingsController],
  providers: [OrganizationSettingsClient],
})
export class OrganizationsApiModule {}

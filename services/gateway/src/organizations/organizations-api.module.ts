import { Module } from '@nestjs/common';

/** Organizations section of api-v1.md: organizations, settings, domains. */
@Module({ controllers: [] })
export class OrganizationsApiModule {}

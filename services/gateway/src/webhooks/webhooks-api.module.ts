import { Module } from '@nestjs/common';
import { OrganizationWebhooksController } from './organization-webhooks.controller';
import { ResellerWebhooksController } from './reseller-webhooks.controller';

/** Outgoing webhooks of organizations and resellers. */
@Module({ controllers: [OrganizationWebhooksController, ResellerWebhooksController] })
export class WebhooksApiModule {}

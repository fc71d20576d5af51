import { webhooksController } from './webhooks.controller';

/** An organization's webhook endpoints and their deliveries. */
export class OrganizationWebhooksController extends webhooksController({
  path: 'organizations',
  param: 'orgId',
  scope: 'organization',
  readers: ['reseller_admin', 'org_admin', 'platform_admin'],
  writers: ['reseller_admin', 'org_admin'],
  writersText: "the organization's admins and its reseller's admins",
}) {}

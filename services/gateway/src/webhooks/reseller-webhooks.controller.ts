import { webhooksController } from './webhooks.controller';

/** A reseller's webhook endpoints (its own events and its organizations') and their deliveries. */
export class ResellerWebhooksController extends webhooksController({
  path: 'resellers',
  param: 'resellerId',
  scope: 'reseller',
  readers: ['reseller_admin', 'platform_admin'],
  writers: ['reseller_admin'],
  writersText: "the reseller's admins",
}) {}

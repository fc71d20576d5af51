// What notifications offers benchmarks beyond its HTTP API (docs/adr/0024-import-boundaries.md): its consumers, the
// webhook endpoints and sender, and the collections they need, to be measured in-process. Production code never
// imports this file.
export { ACTIVITY_LOG } from './activity-log/activity-entry';
export { NotificationConsumers } from './consumers';
export { DIRECTORY_COLLECTIONS } from './directory/directory';
export type { NotificationsConfig } from './notifications.config';
export { NOTIFICATIONS } from './outbox/notification';
export type { NotificationContext } from './outbox/notification-settings';
export { WebhookEndpointsController } from './webhooks/webhook-endpoints/webhook-endpoints.controller';
export { WebhookSender } from './webhooks/send-deliveries/webhook-sender';
export { webhookHeaders } from './webhooks/signing/webhook-signature';
export { parseNetworks } from './webhooks/url-policy/url-policy';
export { WEBHOOK_DELIVERIES } from './webhooks/webhook-delivery';
export { WEBHOOK_ENDPOINTS, WEBHOOK_OWNERS } from './webhooks/webhook-endpoint';

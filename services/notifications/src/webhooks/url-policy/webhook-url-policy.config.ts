import type { NotificationsConfig } from '../../notifications.config';
import { parseNetworks, type UrlPolicy } from './url-policy';

/** The URL policy of this deployment (validated at boot: the networks parse). */
export function webhookUrlPolicy(config: Pick<NotificationsConfig, 'WEBHOOK_ALLOW_HTTP' | 'WEBHOOK_ALLOWED_NETWORKS'>): UrlPolicy {
  return { allowHttp: config.WEBHOOK_ALLOW_HTTP, allowedNetworks: parseNetworks(config.WEBHOOK_ALLOWED_NETWORKS) };
}

import type { ServiceHealth } from '../health/health.rpc';

/**
 * What the notifications service adds to its health answer (`notifications.health`, shown under
 * `services.notifications` of the gateway's `/health`).
 */
export interface NotificationsHealth extends ServiceHealth {
  /** E-mails given up on after their last attempt; each needs attention (see the service's logs). */
  parkedNotifications: number;
}

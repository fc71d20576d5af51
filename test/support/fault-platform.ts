/**
 * Settings of a platform under faults: logs at info (recovery is read from them), tokens that outlive a slow run, and
 * an e-mail sender that retries quickly and far more often than any outage of these tests lasts, so nothing is parked.
 */
export const FAULT_PLATFORM_ENV: Readonly<Record<string, string>> = {
  LOG_LEVEL: 'info',
  ACCESS_TOKEN_TTL_SECONDS: '3600',
  NOTIFY_POLL_MS: '100',
  NOTIFY_RETRY_BASE_MS: '250',
  NOTIFY_RETRY_MAX_MS: '2000',
  NOTIFY_MAX_ATTEMPTS: '500',
};

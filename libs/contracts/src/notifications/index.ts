export * from './notifications-health';
export * from './activity.rpc';
export * from './webhooks.rpc';

export * from './notifications-health';
export * from './activity.rpc';

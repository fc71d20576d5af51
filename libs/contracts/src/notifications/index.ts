export * from './notifications-health';

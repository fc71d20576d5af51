import type { IntegrationEventMapper } from '@broker/messaging';

/**
 * The one place where internal events of identity become integration events. None are published yet: user
 * events go out once other services consume them (services count, welcome e-mails).
 */
export const identityEventMapper: IntegrationEventMapper = () => null;

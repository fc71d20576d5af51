import type { ActorDto } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import type { WebhookOwner } from '../webhook-endpoint';

export class WebhooksForbiddenError extends DomainError {
  constructor() {
    super('WEBHOOKS.FORBIDDEN', 'Your role may not manage these webhooks');
  }
}

export class WebhooksNotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('WEBHOOKS.NOT_FOUND', `No ${what} ${id}`);
  }
}

export type WebhookIntent = 'read' | 'write';

/**
 * Who manages whose webhook endpoints. An organization's: its org_admin and its reseller's reseller_admin. A
 * reseller's: its reseller_admin. The platform_admin reads every one and changes none. Any other role is refused;
 * a tenant the actor may not know of is "not found", as everywhere. `resellerOf` is the reseller of the organization
 * as this service knows it (null: not known).
 */
export function checkWebhookAccess(actor: ActorDto, owner: WebhookOwner, resellerOf: string | null, intent: WebhookIntent): void {
  const notFound = () => new WebhooksNotFoundError(owner.scope, owner.tenantId);
  if (actor.role === 'platform_admin') {
    if (intent === 'write') throw new WebhooksForbiddenError();
    if (owner.scope === 'organization' && resellerOf === null) throw notFound();
    return;
  }
  if (owner.scope === 'reseller') {
    if (actor.role !== 'reseller_admin') throw new WebhooksForbiddenError();
    if (actor.resellerId !== owner.tenantId) throw notFound();
    return;
  }
  if (actor.role === 'reseller_admin') {
    if (resellerOf === null || resellerOf !== actor.resellerId) throw notFound();
    return;
  }
  if (actor.role !== 'org_admin') throw new WebhooksForbiddenError();
  if (actor.organizationId !== owner.tenantId) throw notFound();
}

import type { WebhookEndpointStatus, WebhookEndpointView, WebhookOwnerScope } from '@broker/contracts';
import type { CollectionDefinition } from '@broker/read-models';

/**
 * The webhook endpoints: one document per endpoint, found by its owner (`ownerKey`, the consumers' lookup per event
 * and the owner's list, in creation order).
 */
export const WEBHOOK_ENDPOINTS: CollectionDefinition = { name: 'webhook_endpoints', indexes: { ownerKey: 'string', createdAt: 'string' } };

/**
 * Each owner's endpoint ids under its `ownerKey`, written in the same unit as the endpoint created or deleted: the
 * consumers read it by id for every event (one read, no query), the lists query `ownerKey` above.
 */
export const WEBHOOK_OWNERS: CollectionDefinition = { name: 'webhook_owners', indexes: {} };

export interface WebhookOwnerDocument {
  ownerKey: string;
  endpointIds: string[];
}

export interface WebhookOwner {
  scope: WebhookOwnerScope;
  tenantId: string;
}

export interface WebhookEndpointDocument {
  endpointId: string;
  owner: WebhookOwner;
  ownerKey: string;
  url: string;
  eventTypes: string[];
  description: string;
  status: WebhookEndpointStatus;
  disabledReason: string | null;
  /** `whsec_...`: answered by create and rotate-secret alone, never logged, never in a view. */
  secret: string;
  /** Deliveries that failed for good since the last delivered one; at WEBHOOK_DISABLE_AFTER_FAILURES it is disabled. */
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

/** `organization:<id>` / `reseller:<id>`. */
export const ownerKeyOf = (owner: WebhookOwner): string => `${owner.scope}:${owner.tenantId}`;

/** The endpoints an event goes to are those of its organization and those of its reseller. */
export function ownerKeysOfTenant(tenant: { resellerId: string | null; organizationId: string | null }): string[] {
  const keys: string[] = [];
  if (tenant.organizationId) keys.push(ownerKeyOf({ scope: 'organization', tenantId: tenant.organizationId }));
  if (tenant.resellerId) keys.push(ownerKeyOf({ scope: 'reseller', tenantId: tenant.resellerId }));
  return keys;
}

export function toEndpointView(document: WebhookEndpointDocument): WebhookEndpointView {
  const { endpointId, owner, url, eventTypes, description, status, disabledReason, consecutiveFailures, createdAt, updatedAt } = document;
  return { endpointId, owner: { ...owner }, url, eventTypes: [...eventTypes], description, status, disabledReason, consecutiveFailures, createdAt, updatedAt };
}

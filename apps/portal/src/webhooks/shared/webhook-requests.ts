import { api, idempotencyKey } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { CreateWebhook, UpdateWebhook, WebhooksScope } from '../manage-webhooks/webhook-form';

type Page = { limit?: number; cursor?: string };
const header = () => ({ 'Idempotency-Key': idempotencyKey() });

/** The query keys: the endpoints of a scope, and one endpoint's delivery log. */
export const webhooksKey = (scope: WebhooksScope) => ['webhooks', scope] as const;
export const deliveriesKey = (scope: WebhooksScope, endpointId: string) => ['webhooks', scope, endpointId, 'deliveries'] as const;

/** One page of the scope's endpoints (never their secrets). */
export async function fetchEndpoints(scope: WebhooksScope, query: Page) {
  return scope.kind === 'organization'
    ? unwrap(await api.GET('/api/v1/organizations/{orgId}/webhooks', { params: { path: { orgId: scope.orgId }, query } }))
    : unwrap(await api.GET('/api/v1/resellers/{resellerId}/webhooks', { params: { path: { resellerId: scope.resellerId }, query } }));
}

/** Registers an endpoint: the answer holds its secret, this once. */
export async function createEndpoint(scope: WebhooksScope, body: CreateWebhook) {
  return scope.kind === 'organization'
    ? unwrap(await api.POST('/api/v1/organizations/{orgId}/webhooks', { params: { path: { orgId: scope.orgId }, header: header() }, body }))
    : unwrap(await api.POST('/api/v1/resellers/{resellerId}/webhooks', { params: { path: { resellerId: scope.resellerId }, header: header() }, body }));
}

/** Changes what the body gives: the URL, the types, the description, or `enabled`. */
export async function updateEndpoint(scope: WebhooksScope, endpointId: string, body: UpdateWebhook) {
  return scope.kind === 'organization'
    ? unwrap(await api.PATCH('/api/v1/organizations/{orgId}/webhooks/{endpointId}', { params: { path: { orgId: scope.orgId, endpointId } }, body }))
    : unwrap(await api.PATCH('/api/v1/resellers/{resellerId}/webhooks/{endpointId}', { params: { path: { resellerId: scope.resellerId, endpointId } }, body }));
}

/** Deletes the endpoint and its deliveries. */
export async function deleteEndpoint(scope: WebhooksScope, endpointId: string): Promise<void> {
  if (scope.kind === 'organization') unwrap(await api.DELETE('/api/v1/organizations/{orgId}/webhooks/{endpointId}', { params: { path: { orgId: scope.orgId, endpointId } } }));
  else unwrap(await api.DELETE('/api/v1/resellers/{resellerId}/webhooks/{endpointId}', { params: { path: { resellerId: scope.resellerId, endpointId } } }));
}

/** A new signing secret at once (the old one stops signing): the answer holds it, this once. */
export async function rotateSecret(scope: WebhooksScope, endpointId: string) {
  return scope.kind === 'organization'
    ? unwrap(await api.POST('/api/v1/organizations/{orgId}/webhooks/{endpointId}/rotate-secret', { params: { path: { orgId: scope.orgId, endpointId }, header: header() } }))
    : unwrap(await api.POST('/api/v1/resellers/{resellerId}/webhooks/{endpointId}/rotate-secret', { params: { path: { resellerId: scope.resellerId, endpointId }, header: header() } }));
}

/** One page of the endpoint's delivery log, newest first. */
export async function fetchDeliveries(scope: WebhooksScope, endpointId: string, query: Page) {
  return scope.kind === 'organization'
    ? unwrap(await api.GET('/api/v1/organizations/{orgId}/webhooks/{endpointId}/deliveries', { params: { path: { orgId: scope.orgId, endpointId }, query } }))
    : unwrap(await api.GET('/api/v1/resellers/{resellerId}/webhooks/{endpointId}/deliveries', { params: { path: { resellerId: scope.resellerId, endpointId }, query } }));
}

/** Sends one delivery again, after what is pending for the endpoint. */
export async function redeliver(scope: WebhooksScope, endpointId: string, deliveryId: string) {
  return scope.kind === 'organization'
    ? unwrap(
        await api.POST('/api/v1/organizations/{orgId}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver', {
          params: { path: { orgId: scope.orgId, endpointId, deliveryId }, header: header() },
        }),
      )
    : unwrap(
        await api.POST('/api/v1/resellers/{resellerId}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver', {
          params: { path: { resellerId: scope.resellerId, endpointId, deliveryId }, header: header() },
        }),
      );
}

import type { components } from '../../api/schema.gen';

export type WebhookEndpoint = components['schemas']['WebhookEndpointResponse'];
export type WebhookEndpointWithSecret = components['schemas']['WebhookEndpointWithSecretResponse'];
export type CreateWebhook = components['schemas']['CreateWebhookBody'];
export type UpdateWebhook = components['schemas']['UpdateWebhookBody'];
type SessionUser = components['schemas']['SessionUserResponse'];

/** Whose endpoints a screen shows: an organization's, or the reseller admin's own reseller's. */
export type WebhooksScope = { kind: 'organization'; orgId: string } | { kind: 'reseller'; resellerId: string };

/**
 * The endpoints a screen shows: the organization's at `/organizations/:orgId/webhooks`; at `/webhooks` the reseller
 * admin's reseller's. Null when the role has no list there.
 */
export function webhooksScope(user: Pick<SessionUser, 'role' | 'resellerId'> | null, orgId: string | undefined): WebhooksScope | null {
  if (orgId) return { kind: 'organization', orgId };
  if (user?.role === 'reseller_admin' && user.resellerId) return { kind: 'reseller', resellerId: user.resellerId };
  return null;
}

/** An area of the platform, the event types it publishes and their labels, as the form groups its checkboxes. */
export interface EventGroup {
  area: string;
  label: string;
  types: readonly (readonly [type: string, label: string])[];
}

/**
 * Every integration event type an endpoint may subscribe to (libs/contracts' WEBHOOK_EVENT_TYPES, as the OpenAPI
 * document lists them), grouped by the area that publishes it.
 */
export const EVENT_GROUPS: readonly EventGroup[] = [
  {
    area: 'approvals',
    label: 'Orders, approvals and budgets',
    types: [
      ['approvals.transaction-requested.v1', 'Transaction requested'],
      ['approvals.transaction-approved.v1', 'Transaction approved'],
      ['approvals.transaction-rejected.v1', 'Transaction rejected'],
      ['approvals.transaction-withdrawn.v1', 'Transaction withdrawn'],
      ['approvals.approval-step-reached.v1', 'Approval step reached'],
      ['approvals.approval-step-decided.v1', 'Approval step decided'],
      ['approvals.approval-step-overdue.v1', 'Approval step overdue'],
      ['approvals.approval-policy-changed.v1', 'Approval policy changed'],
      ['approvals.approval-chains-changed.v1', 'Approval chains set'],
      ['approvals.approval-chains-cleared.v1', 'Approval chains removed'],
      ['approvals.budget-changed.v1', 'Budget set'],
      ['approvals.budget-removed.v1', 'Budget removed'],
      ['approvals.budget-threshold-reached.v1', 'Budget threshold reached'],
      ['approvals.out-of-office-changed.v1', 'Out of office set'],
    ],
  },
  {
    area: 'catalog',
    label: 'Catalog and subscriptions',
    types: [
      ['catalog.product-created.v1', 'Product added'],
      ['catalog.product-changed.v1', 'Product changed'],
      ['catalog.store-curated.v1', 'E-store set'],
      ['catalog.subscription-activated.v1', 'Subscription activated'],
      ['catalog.subscription-quantity-changed.v1', 'Subscription quantity changed'],
      ['catalog.subscription-cancelled.v1', 'Subscription cancelled'],
      ['catalog.licences-assigned.v1', 'Licences assigned'],
    ],
  },
  {
    area: 'identity',
    label: 'Users and sign-ins',
    types: [
      ['identity.user-registered.v1', 'User created'],
      ['identity.user-changed.v1', 'User changed'],
      ['identity.user-disabled.v1', 'User disabled'],
      ['identity.user-enabled.v1', 'User enabled'],
      ['identity.user-deleted.v1', 'User deleted'],
      ['identity.signed-in.v1', 'Signed in'],
      ['identity.sign-in-failed.v1', 'Sign-in refused'],
      ['identity.signed-out.v1', 'Signed out'],
      ['identity.password-changed.v1', 'Password changed'],
    ],
  },
  {
    area: 'organizations',
    label: 'Resellers and organizations',
    types: [
      ['organizations.reseller-created.v1', 'Reseller created'],
      ['organizations.reseller-properties-changed.v1', 'Reseller properties changed'],
      ['organizations.organization-created.v1', 'Organization created'],
      ['organizations.organization-changed.v1', 'Organization changed'],
      ['organizations.organization-settings-changed.v1', 'Organization settings changed'],
      ['organizations.organization-domain-added.v1', 'Domain added'],
      ['organizations.organization-domain-removed.v1', 'Domain removed'],
      ['organizations.support-request-created.v1', 'Support requested'],
    ],
  },
];

const EVENT_LABELS = new Map(EVENT_GROUPS.flatMap((group) => group.types));

/** `approvals.transaction-approved.v1` -> `Transaction approved`; a type this portal does not know yet is shown as written. */
export function eventTypeLabel(type: string): string {
  return EVENT_LABELS.get(type) ?? type;
}

/** The types an endpoint receives, by area in the form's order: `Orders, approvals and budgets: Transaction approved, …`. */
export function eventTypesSummary(types: readonly string[]): string[] {
  const chosen = new Set(types);
  const known = EVENT_GROUPS.flatMap((group) => {
    const labels = group.types.filter(([type]) => chosen.has(type)).map(([, label]) => label);
    return labels.length === 0 ? [] : [`${group.label}: ${labels.join(', ')}`];
  });
  const unknown = types.filter((type) => !EVENT_LABELS.has(type));
  return unknown.length === 0 ? known : [...known, `Other: ${unknown.join(', ')}`];
}

/** The API's limits (libs/contracts/src/notifications/webhooks.rpc.ts). */
export const MAX_URL = 2000;
export const MAX_DESCRIPTION = 500;

export interface WebhookFields {
  url: string;
  eventTypes: string[];
  description: string;
}

/** The fields the server names in a 400 that the form shows next to an input. */
export const WEBHOOK_FIELDS = ['url', 'eventTypes', 'description'] as const;

/** A new endpoint: no URL, no type chosen. */
export function emptyFields(): WebhookFields {
  return { url: '', eventTypes: [], description: '' };
}

/** The form for an endpoint that exists (to change it). */
export function toFields(endpoint: WebhookEndpoint): WebhookFields {
  return { url: endpoint.url, eventTypes: [...endpoint.eventTypes], description: endpoint.description };
}

/** The types in the form's order, each once (a checkbox group answers them in the page's order, or a lone `false`). */
function chosenTypes(eventTypes: readonly string[] | string | false | undefined): string[] {
  const chosen = new Set(typeof eventTypes === 'string' ? [eventTypes] : eventTypes || []);
  const ordered = EVENT_GROUPS.flatMap((group) => group.types.map(([type]) => type)).filter((type) => chosen.has(type));
  return [...ordered, ...[...chosen].filter((type) => !EVENT_LABELS.has(type))];
}

/** The body that registers the endpoint: the URL and description without surrounding blanks, no empty description. */
export function toCreateBody(fields: WebhookFields): CreateWebhook {
  const description = fields.description.trim();
  return { url: fields.url.trim(), eventTypes: chosenTypes(fields.eventTypes), ...(description ? { description } : {}) };
}

/** The body of a change: what differs from the endpoint (an empty description clears it). */
export function toUpdateBody(fields: WebhookFields, endpoint: WebhookEndpoint): UpdateWebhook {
  const body: UpdateWebhook = {};
  const url = fields.url.trim();
  const eventTypes = chosenTypes(fields.eventTypes);
  const description = fields.description.trim();
  if (url !== endpoint.url) body.url = url;
  if ([...eventTypes].sort().join() !== [...endpoint.eventTypes].sort().join()) body.eventTypes = eventTypes;
  if (description !== endpoint.description) body.description = description;
  return body;
}

/** Why the URL cannot be sent, or null (the server judges the scheme and where its host resolves). */
export function urlProblem(url: string): string | null {
  const trimmed = url.trim();
  if (!trimmed) return 'Enter the URL';
  if (trimmed.length > MAX_URL) return `At most ${MAX_URL} characters`;
  if (!/^https?:\/\/[^\s/]+/i.test(trimmed)) return 'Enter a URL such as https://erp.example.com/hooks';
  return null;
}

/** Why the chosen types cannot be sent, or null. */
export function eventTypesProblem(eventTypes: readonly string[] | string | false | undefined): string | null {
  return chosenTypes(eventTypes).length === 0 ? 'Choose at least one event type' : null;
}

/** The endpoint's status in words: active, or disabled with the reason the API gives. */
export function endpointStatus(endpoint: Pick<WebhookEndpoint, 'status' | 'disabledReason'>): string {
  if (endpoint.status === 'active') return 'Active';
  const reason = endpoint.disabledReason?.trim() ?? '';
  // The API records who disabled it by their id: a person reads that a user did.
  if (/^disabled by [0-9a-f-]{36}$/i.test(reason)) return 'Disabled: by a user';
  return reason ? `Disabled: ${reason}` : 'Disabled';
}

/** The failures in a row, as a sentence. */
export function failuresText(consecutiveFailures: number): string {
  if (consecutiveFailures === 0) return 'No failed delivery since the last one delivered';
  return `${consecutiveFailures} ${consecutiveFailures === 1 ? 'delivery' : 'deliveries'} failed in a row`;
}

/** The endpoint's name for buttons and headings: its description, else its URL. */
export function endpointName(endpoint: Pick<WebhookEndpoint, 'url' | 'description'>): string {
  return endpoint.description.trim() || endpoint.url;
}

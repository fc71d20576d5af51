import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  emptyFields,
  endpointName,
  endpointStatus,
  EVENT_GROUPS,
  eventTypeLabel,
  eventTypesProblem,
  eventTypesSummary,
  failuresText,
  toCreateBody,
  toFields,
  toUpdateBody,
  urlProblem,
  webhooksScope,
  type WebhookEndpoint,
} from './webhook-form';

const APPROVED = 'approvals.transaction-approved.v1';
const DISABLED = 'identity.user-disabled.v1';

const endpoint = (changes: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  endpointId: '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  owner: { scope: 'organization', tenantId: '7c1e2f4a-0b8e-4c8e-9a53-2f1d6f0c9e21' },
  url: 'https://erp.contoso.example/hooks',
  eventTypes: [DISABLED, APPROVED],
  description: 'ERP sync',
  status: 'active',
  disabledReason: null,
  consecutiveFailures: 0,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  ...changes,
});

describe('the webhooks screen', () => {
  it('shows the organization of the address, else the reseller admin their reseller', () => {
    expect(webhooksScope({ role: 'org_admin', resellerId: 'r1' }, 'o1')).toEqual({ kind: 'organization', orgId: 'o1' });
    expect(webhooksScope({ role: 'reseller_admin', resellerId: 'r1' }, undefined)).toEqual({ kind: 'reseller', resellerId: 'r1' });
    expect(webhooksScope({ role: 'platform_admin', resellerId: null }, undefined)).toBeNull();
    expect(webhooksScope({ role: 'org_admin', resellerId: 'r1' }, undefined)).toBeNull();
    expect(webhooksScope(null, undefined)).toBeNull();
  });
});

describe('the event types', () => {
  it('offers exactly the types the API accepts, each once, grouped by the area that publishes them', () => {
    // The OpenAPI document lists WEBHOOK_EVENT_TYPES in the body's description; the portal's schema is generated from it.
    const schema = readFileSync(resolve(__dirname, '../../api/schema.gen.ts'), 'utf8');
    const listed = /CreateWebhookBody: \{[\s\S]*?of: ([a-z0-9., -]+)\n/.exec(schema)?.[1]?.split(', ').map((type) => type.trim());
    const offered = EVENT_GROUPS.flatMap((group) => group.types.map(([type]) => type));
    expect(new Set(offered).size).toBe(offered.length);
    expect([...offered].sort()).toEqual(listed);
    expect(EVENT_GROUPS.every((group) => group.types.every(([type]) => type.startsWith(`${group.area}.`)))).toBe(true);
  });

  it('labels a known type, and shows an unknown one as written', () => {
    expect(eventTypeLabel(APPROVED)).toBe('Transaction approved');
    expect(eventTypeLabel('billing.invoice-issued.v1')).toBe('billing.invoice-issued.v1');
  });

  it("sums up an endpoint's types by area, in the form's order", () => {
    expect(eventTypesSummary([DISABLED, APPROVED, 'approvals.transaction-requested.v1'])).toEqual([
      'Orders, approvals and budgets: Transaction requested, Transaction approved',
      'Users and sign-ins: User disabled',
    ]);
    expect(eventTypesSummary(['billing.invoice-issued.v1'])).toEqual(['Other: billing.invoice-issued.v1']);
  });
});

describe('the endpoint form and the API bodies', () => {
  it('starts empty, and reads an endpoint back', () => {
    expect(emptyFields()).toEqual({ url: '', eventTypes: [], description: '' });
    expect(toFields(endpoint())).toEqual({ url: 'https://erp.contoso.example/hooks', eventTypes: [DISABLED, APPROVED], description: 'ERP sync' });
  });

  it('registers the URL and description without surrounding blanks, the types in the form order, no empty description', () => {
    expect(toCreateBody({ url: ' https://erp.contoso.example/hooks ', eventTypes: [DISABLED, APPROVED], description: ' ERP ' })).toEqual({
      url: 'https://erp.contoso.example/hooks',
      eventTypes: [APPROVED, DISABLED],
      description: 'ERP',
    });
    expect(toCreateBody({ url: 'https://a.example', eventTypes: [APPROVED], description: '  ' })).toEqual({ url: 'https://a.example', eventTypes: [APPROVED] });
  });

  it('changes only what differs (types in any order are the same), and an emptied description clears it', () => {
    expect(toUpdateBody(toFields(endpoint()), endpoint())).toEqual({});
    expect(toUpdateBody({ url: 'https://erp.contoso.example/hooks', eventTypes: [APPROVED, DISABLED], description: 'ERP sync' }, endpoint())).toEqual({});
    expect(toUpdateBody({ url: 'https://b.example/h', eventTypes: [APPROVED], description: '' }, endpoint())).toEqual({ url: 'https://b.example/h', eventTypes: [APPROVED], description: '' });
  });

  it('wants a URL of http(s) and at least one type; the server judges the rest', () => {
    expect(urlProblem(' ')).toBe('Enter the URL');
    expect(urlProblem('erp.contoso.example')).toBe('Enter a URL such as https://erp.example.com/hooks');
    expect(urlProblem(`https://a.example/${'x'.repeat(2000)}`)).toBe('At most 2000 characters');
    expect([urlProblem('https://erp.contoso.example/hooks'), urlProblem('http://127.0.0.1:8080/')]).toEqual([null, null]);
    expect([eventTypesProblem([]), eventTypesProblem(false), eventTypesProblem([APPROVED])]).toEqual(['Choose at least one event type', 'Choose at least one event type', null]);
  });
});

describe("an endpoint's status", () => {
  it('says active, or disabled with the reason', () => {
    expect(endpointStatus(endpoint())).toBe('Active');
    expect(endpointStatus(endpoint({ status: 'disabled', disabledReason: '5 deliveries in a row failed' }))).toBe('Disabled: 5 deliveries in a row failed');
    expect(endpointStatus(endpoint({ status: 'disabled', disabledReason: 'disabled by 7c1e2f4a-0b8e-4c8e-9a53-2f1d6f0c9e21' }))).toBe('Disabled: by a user');
    expect(endpointStatus(endpoint({ status: 'disabled', disabledReason: null }))).toBe('Disabled');
  });

  it('counts the failures in a row', () => {
    expect(failuresText(0)).toBe('No failed delivery since the last one delivered');
    expect(failuresText(1)).toBe('1 delivery failed in a row');
    expect(failuresText(3)).toBe('3 deliveries failed in a row');
  });

  it('is named by its description, else its URL', () => {
    expect(endpointName(endpoint())).toBe('ERP sync');
    expect(endpointName(endpoint({ description: ' ' }))).toBe('https://erp.contoso.example/hooks');
  });
});

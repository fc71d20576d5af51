import type { ActorDto, Role } from '@broker/contracts';
import { checkWebhookAccess, WebhooksForbiddenError, WebhooksNotFoundError } from './endpoint-access';

const actor = (role: Role, resellerId: string | null = 'r-1', organizationId: string | null = 'o-1'): ActorDto => ({ userId: 'u-1', role, resellerId, organizationId });
const org = (tenantId = 'o-1') => ({ scope: 'organization' as const, tenantId });
const reseller = (tenantId = 'r-1') => ({ scope: 'reseller' as const, tenantId });

describe("who manages whose webhooks", () => {
  it("lets an organization's admin and its reseller's admin read and change its endpoints", () => {
    for (const intent of ['read', 'write'] as const) {
      expect(() => checkWebhookAccess(actor('org_admin'), org(), 'r-1', intent)).not.toThrow();
      expect(() => checkWebhookAccess(actor('reseller_admin', 'r-1', null), org(), 'r-1', intent)).not.toThrow();
    }
  });

  it("refuses the organization's other roles, and answers not found for another tenant's organization", () => {
    for (const role of ['org_billing_admin', 'org_viewer', 'org_user'] as const) expect(() => checkWebhookAccess(actor(role), org(), 'r-1', 'read')).toThrow(WebhooksForbiddenError);
    expect(() => checkWebhookAccess(actor('org_admin'), org('o-2'), 'r-1', 'read')).toThrow(WebhooksNotFoundError);
    expect(() => checkWebhookAccess(actor('reseller_admin', 'r-1', null), org('o-9'), 'r-2', 'write')).toThrow(WebhooksNotFoundError);
    expect(() => checkWebhookAccess(actor('reseller_admin', 'r-1', null), org('o-9'), null, 'read')).toThrow(WebhooksNotFoundError);
  });

  it("keeps a reseller's endpoints to its reseller admin", () => {
    expect(() => checkWebhookAccess(actor('reseller_admin', 'r-1', null), reseller(), null, 'write')).not.toThrow();
    expect(() => checkWebhookAccess(actor('reseller_admin', 'r-1', null), reseller('r-2'), null, 'read')).toThrow(WebhooksNotFoundError);
    expect(() => checkWebhookAccess(actor('org_admin'), reseller(), null, 'read')).toThrow(WebhooksForbiddenError);
  });

  it('lets the platform admin read every endpoint and change none', () => {
    const admin = actor('platform_admin', null, null);
    expect(() => checkWebhookAccess(admin, reseller('r-2'), null, 'read')).not.toThrow();
    expect(() => checkWebhookAccess(admin, org('o-7'), 'r-2', 'read')).not.toThrow();
    expect(() => checkWebhookAccess(admin, org('o-7'), null, 'read')).toThrow(WebhooksNotFoundError);
    expect(() => checkWebhookAccess(admin, reseller('r-2'), null, 'write')).toThrow(WebhooksForbiddenError);
  });
});

import type { ActorDto } from '@broker/contracts';
import { isResellerStaff, mayDoWithTransactions, maySeeTransaction } from './transaction-access';

const facts = { resellerId: 'r-1', organizationId: 'o-1' };
const actor = (role: ActorDto['role'], resellerId: string | null, organizationId: string | null = null) => ({ role, resellerId, organizationId });

describe('transaction access', () => {
  it("shows a transaction to its reseller's admins and its organization's users only", () => {
    expect(maySeeTransaction(actor('reseller_admin', 'r-1'), facts)).toBe(true);
    expect(maySeeTransaction(actor('reseller_admin', 'r-2'), facts)).toBe(false);
    expect(maySeeTransaction(actor('org_admin', 'r-1', 'o-1'), facts)).toBe(true);
    expect(maySeeTransaction(actor('org_viewer', 'r-1', 'o-2'), facts)).toBe(false);
    expect(maySeeTransaction(actor('org_admin', 'r-2', 'o-1'), facts)).toBe(false);
  });

  it('lets only reseller admins decide, admins request and withdraw, and viewers read', () => {
    expect(mayDoWithTransactions({ role: 'reseller_admin' }, 'decide')).toBe(true);
    expect(mayDoWithTransactions({ role: 'org_admin' }, 'decide')).toBe(false);
    expect(mayDoWithTransactions({ role: 'org_admin' }, 'request')).toBe(true);
    expect(mayDoWithTransactions({ role: 'org_viewer' }, 'request')).toBe(false);
    expect(mayDoWithTransactions({ role: 'org_viewer' }, 'read')).toBe(true);
    expect(mayDoWithTransactions({ role: 'org_billing_admin' }, 'read')).toBe(true);
    expect(mayDoWithTransactions({ role: 'org_user' }, 'withdraw')).toBe(false);
  });

  it('lets the platform admin read for support, and request, withdraw or decide nothing', () => {
    expect(mayDoWithTransactions({ role: 'platform_admin' }, 'read')).toBe(true);
    for (const permission of ['request', 'withdraw', 'decide'] as const) expect(mayDoWithTransactions({ role: 'platform_admin' }, permission)).toBe(false);
  });

  it('counts reseller admins as reseller staff, organization admins not', () => {
    expect(isResellerStaff({ role: 'reseller_admin' })).toBe(true);
    expect(isResellerStaff({ role: 'org_admin' })).toBe(false);
  });
});

import { annualValueCents } from './annual-value';
import { approvalRule, type PolicyInForce } from './approval-rule';

const monthly = (quantity: number, previousQuantity = 0, type: 'order' | 'change' | 'cancel' = 'order') =>
  annualValueCents({ type, unitPriceCents: 1050n, quantity, previousQuantity, billingFrequency: 'monthly' });

describe('annual value', () => {
  it('annualizes monthly prices: 10 seats at 10.50 a month are 1260.00 a year', () => {
    expect(monthly(10)).toBe(126000n);
    expect(monthly(7)).toBe(88200n);
  });

  it('takes annual prices as they are', () => {
    expect(annualValueCents({ type: 'order', unitPriceCents: 12000n, quantity: 3, previousQuantity: 0, billingFrequency: 'annual' })).toBe(36000n);
  });

  it('values only the increase of a change, and decreases and cancellations at 0', () => {
    expect(monthly(12, 10, 'change')).toBe(25200n);
    expect(monthly(8, 10, 'change')).toBe(0n);
    expect(monthly(0, 10, 'cancel')).toBe(0n);
  });
});

describe('approval rule', () => {
  const policy = (p: Partial<PolicyInForce> & { limit?: bigint; dynamic?: boolean }): PolicyInForce => ({
    approvalRequired: p.approvalRequired ?? false,
    dynamicApproval: { enabled: p.dynamic ?? false, annualLimitCents: p.limit ?? 0n },
  });

  it('approves at once when no approval process is on', () => {
    expect(approvalRule(policy({}), 126000n, false)).toEqual({ needsApproval: false, appliedPolicy: 'none' });
  });

  it('needs approval for everything under the approval process', () => {
    expect(approvalRule(policy({ approvalRequired: true }), 0n, false)).toEqual({ needsApproval: true, appliedPolicy: 'approval_required' });
  });

  it('under a dynamic limit needs approval only above the limit, and replaces the approval process', () => {
    const dynamic = policy({ approvalRequired: true, dynamic: true, limit: 100000n });
    expect(approvalRule(dynamic, 126000n, false)).toEqual({ needsApproval: true, appliedPolicy: 'dynamic_limit' });
    expect(approvalRule(dynamic, 88200n, false)).toEqual({ needsApproval: false, appliedPolicy: 'dynamic_limit' });
    expect(approvalRule(dynamic, 100000n, false)).toEqual({ needsApproval: false, appliedPolicy: 'dynamic_limit' });
    expect(approvalRule(dynamic, 0n, false)).toEqual({ needsApproval: false, appliedPolicy: 'dynamic_limit' });
  });

  it('approves reseller staff requests on request', () => {
    expect(approvalRule(policy({ approvalRequired: true }), 126000n, true)).toEqual({ needsApproval: false, appliedPolicy: 'reseller_staff' });
  });
});

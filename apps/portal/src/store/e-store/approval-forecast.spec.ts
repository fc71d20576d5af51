import { approvalForecast } from './approval-forecast';

const policy = (approvalRequired: boolean, dynamic: { enabled: boolean; annualLimit: string } = { enabled: false, annualLimit: '0.00' }) => ({ approvalRequired, dynamicApproval: dynamic });
const monthly = { price: '9.90', billingFrequency: 'monthly' as const };

describe('saying before an order whether it will need approval', () => {
  it('needs none without a policy, and every order needs it under the Approval Process', () => {
    expect(approvalForecast(policy(false), monthly, 3, false)).toEqual({ needsApproval: false, annualValue: '356.40', rule: 'none' });
    expect(approvalForecast(policy(true), monthly, 1, false)).toEqual({ needsApproval: true, annualValue: '118.80', rule: 'approval_required' });
  });

  it('under Dynamic Approval, needs it only above the annual limit (monthly prices count twelve times), whatever the Approval Process says', () => {
    const limit = policy(true, { enabled: true, annualLimit: '1188.00' });
    expect(approvalForecast(limit, monthly, 10, false)).toMatchObject({ needsApproval: false, annualValue: '1188.00', rule: 'dynamic_limit' });
    expect(approvalForecast(limit, monthly, 11, false)).toMatchObject({ needsApproval: true, annualValue: '1306.80' });
    expect(approvalForecast(limit, { price: '1188.00', billingFrequency: 'annual' }, 1, false).needsApproval).toBe(false);
    expect(approvalForecast(limit, { price: '1188.01', billingFrequency: 'annual' }, 1, false).needsApproval).toBe(true);
  });

  it("compares exactly in currencies without or with three decimals, and approves reseller staff's orders at once", () => {
    expect(approvalForecast(policy(false, { enabled: true, annualLimit: '12000' }), { price: '1000', billingFrequency: 'monthly' }, 1, false)).toMatchObject({ needsApproval: false, annualValue: '12000' });
    expect(approvalForecast(policy(false, { enabled: true, annualLimit: '15.000' }), { price: '1.250', billingFrequency: 'monthly' }, 1, false)).toMatchObject({ needsApproval: false, annualValue: '15.000' });
    expect(approvalForecast(policy(false, { enabled: true, annualLimit: '14.999' }), { price: '1.250', billingFrequency: 'monthly' }, 1, false).needsApproval).toBe(true);
    expect(approvalForecast(policy(true), monthly, 100, true)).toMatchObject({ needsApproval: false, rule: 'reseller_staff' });
  });
});

import { formatAmount, readMoneyAmount } from '@broker/contracts';
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

describe('annual value in the currency of the price', () => {
  // Prices are read in their currency's minor unit; the value is exact in it and written with its decimals.
  const annualIn = (currency: string, unitPrice: string, quantity: number, billingFrequency: 'monthly' | 'annual', previousQuantity = 0, type: 'order' | 'change' = 'order') => {
    const unitPriceCents = readMoneyAmount(unitPrice, currency);
    return formatAmount(annualValueCents({ type, unitPriceCents, quantity, previousQuantity, billingFrequency }), currency);
  };

  it('JPY (no decimals): 10 seats at 1260 a month are 1260 x 10 x 12 = 151200 a year', () => {
    expect(annualIn('JPY', '1260', 10, 'monthly')).toBe('151200');
    // A price recorded with two decimals before reads as the same yen.
    expect(annualIn('JPY', '1260.00', 10, 'monthly')).toBe('151200');
    expect(annualIn('JPY', '99999', 3, 'annual')).toBe('299997');
    // A change from 10 to 12 seats is worth the 2 more: 1260 x 2 x 12 = 30240.
    expect(annualIn('JPY', '1260', 12, 'monthly', 10, 'change')).toBe('30240');
  });

  it('KWD (three decimals): 10 seats at 1.250 a month are 1.250 x 10 x 12 = 150.000 a year, to the fils', () => {
    expect(annualIn('KWD', '1.250', 10, 'monthly')).toBe('150.000');
    // 0.005 x 7 x 12 = 0.420: a three-decimal price stays exact.
    expect(annualIn('KWD', '0.005', 7, 'monthly')).toBe('0.420');
    expect(annualIn('KWD', '12.345', 3, 'annual')).toBe('37.035');
  });

  it('compares with a limit read in the same currency', () => {
    const limit = (currency: string, text: string): PolicyInForce => ({ approvalRequired: false, dynamicApproval: { enabled: true, annualLimitCents: readMoneyAmount(text, currency) } });
    const value = (currency: string, price: string, quantity: number) => annualValueCents({ type: 'order', unitPriceCents: readMoneyAmount(price, currency), quantity, previousQuantity: 0, billingFrequency: 'monthly' });
    // JPY: 151200 is above a limit of 150000; 10 x 1250 x 12 = 150000 is at it.
    expect(approvalRule(limit('JPY', '150000'), value('JPY', '1260', 10), false).needsApproval).toBe(true);
    expect(approvalRule(limit('JPY', '150000'), value('JPY', '1250', 10), false).needsApproval).toBe(false);
    // KWD: 150.000 is above 149.999 by one fils, and at 150.000.
    expect(approvalRule(limit('KWD', '149.999'), value('KWD', '1.250', 10), false).needsApproval).toBe(true);
    expect(approvalRule(limit('KWD', '150'), value('KWD', '1.250', 10), false).needsApproval).toBe(false);
  });
});

/** The organization's approval policy as GET /organizations/{orgId}/settings answers it. */
export interface ApprovalPolicy {
  approvalRequired: boolean;
  dynamicApproval: { enabled: boolean; annualLimit: string };
}

export interface Forecast {
  needsApproval: boolean;
  /** The order's annualized value, with the price's decimals. */
  annualValue: string;
  rule: 'reseller_staff' | 'dynamic_limit' | 'approval_required' | 'none';
}

/**
 * Whether an order will need approval, told before it is placed. The API decides when the order arrives (the
 * receipt's status is the answer); this applies the same published rules to what the page knows: reseller staff's
 * orders are approved at once; Dynamic Approval, when ticked, replaces the Approval Process and asks for approval
 * exactly when the annual value (price x quantity x 12 for monthly products) is above the limit.
 */
export function approvalForecast(
  policy: ApprovalPolicy,
  item: { price: string; billingFrequency: 'monthly' | 'annual' },
  quantity: number,
  resellerStaff: boolean,
): Forecast {
  const decimals = Math.max(decimalsOf(item.price), decimalsOf(policy.dynamicApproval.annualLimit));
  const value = toMinor(item.price, decimals) * BigInt(quantity) * (item.billingFrequency === 'monthly' ? 12n : 1n);
  const annualValue = fromMinor(value * 10n ** BigInt(decimalsOf(item.price)) / 10n ** BigInt(decimals), decimalsOf(item.price));
  if (resellerStaff) return { needsApproval: false, annualValue, rule: 'reseller_staff' };
  if (policy.dynamicApproval.enabled) return { needsApproval: value > toMinor(policy.dynamicApproval.annualLimit, decimals), annualValue, rule: 'dynamic_limit' };
  if (policy.approvalRequired) return { needsApproval: true, annualValue, rule: 'approval_required' };
  return { needsApproval: false, annualValue, rule: 'none' };
}

function decimalsOf(amount: string): number {
  const point = amount.indexOf('.');
  return point < 0 ? 0 : amount.length - point - 1;
}

/** A decimal string as an integer count of 10^-decimals. */
function toMinor(amount: string, decimals: number): bigint {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  return BigInt(`${whole}${fraction.padEnd(decimals, '0')}`);
}

function fromMinor(minor: bigint, decimals: number): string {
  if (decimals === 0) return minor.toString();
  const digits = minor.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

import { annualValueCents } from '../../transactions/domain/annual-value';
import type { ChainRule } from './approval-chains.events';
import { chainFor } from './chain-selection';

const steps = (...groups: string[][]) => groups.map((approverIds) => ({ approverIds }));
const aboveRule = (amount: string, ...groups: string[][]): ChainRule => ({ condition: { type: 'annual_value_above', amount }, steps: steps(...groups) });
const productRule = (productIds: string[], ...groups: string[][]): ChainRule => ({ condition: { type: 'products', productIds }, steps: steps(...groups) });
const alwaysRule = (...groups: string[][]): ChainRule => ({ condition: { type: 'always' }, steps: steps(...groups) });

describe('chain selection', () => {
  it('gives no internal step without rules, or when none matches', () => {
    expect(chainFor([], { productId: 'p-1', annualValueCents: 999999n })).toEqual({ ruleIndex: null, steps: [] });
    expect(chainFor([productRule(['p-2'], ['u-1'])], { productId: 'p-1', annualValueCents: 0n })).toEqual({ ruleIndex: null, steps: [] });
  });

  it('applies an annual value rule strictly above its amount, to the cent', () => {
    const rules = [aboveRule('1000.00', ['u-1'], ['u-2', 'u-3'])];
    expect(chainFor(rules, { productId: 'p-1', annualValueCents: 100000n })).toEqual({ ruleIndex: null, steps: [] });
    expect(chainFor(rules, { productId: 'p-1', annualValueCents: 100001n })).toEqual({ ruleIndex: 0, steps: steps(['u-1'], ['u-2', 'u-3']) });
    // 10 seats at 8.34 a month are 1000.80 a year: above; at 8.33, 999.60: not.
    const value = (price: bigint) => annualValueCents({ type: 'order', unitPriceCents: price, quantity: 10, previousQuantity: 0, billingFrequency: 'monthly' });
    expect(chainFor(rules, { productId: 'p-1', annualValueCents: value(834n) }).ruleIndex).toBe(0);
    expect(chainFor(rules, { productId: 'p-1', annualValueCents: value(833n) }).ruleIndex).toBeNull();
  });

  it('reads the amount in the currency of the organization', () => {
    expect(chainFor([aboveRule('150000', ['u-1'])], { productId: 'p', annualValueCents: 150000n }, 'JPY').ruleIndex).toBeNull();
    expect(chainFor([aboveRule('150000', ['u-1'])], { productId: 'p', annualValueCents: 150001n }, 'JPY').ruleIndex).toBe(0);
    expect(chainFor([aboveRule('149.999', ['u-1'])], { productId: 'p', annualValueCents: 150000n }, 'KWD').ruleIndex).toBe(0);
    expect(chainFor([aboveRule('150.000', ['u-1'])], { productId: 'p', annualValueCents: 150000n }, 'KWD').ruleIndex).toBeNull();
  });

  it('applies a products rule to the chosen products only', () => {
    const rules = [productRule(['p-1', 'p-3'], ['u-1'])];
    expect(chainFor(rules, { productId: 'p-3', annualValueCents: 0n }).ruleIndex).toBe(0);
    expect(chainFor(rules, { productId: 'p-2', annualValueCents: 0n }).ruleIndex).toBeNull();
  });

  it('lets the first matching rule pick the chain', () => {
    const rules = [productRule(['p-1'], ['u-product']), aboveRule('500.00', ['u-big'], ['u-cfo']), alwaysRule(['u-any'])];
    expect(chainFor(rules, { productId: 'p-1', annualValueCents: 900000n })).toEqual({ ruleIndex: 0, steps: steps(['u-product']) });
    expect(chainFor(rules, { productId: 'p-2', annualValueCents: 50001n })).toEqual({ ruleIndex: 1, steps: steps(['u-big'], ['u-cfo']) });
    expect(chainFor(rules, { productId: 'p-2', annualValueCents: 50000n })).toEqual({ ruleIndex: 2, steps: steps(['u-any']) });
  });

  it('answers a copy of the steps, never the configuration itself', () => {
    const rules = [alwaysRule(['u-1'])];
    chainFor(rules, { productId: 'p', annualValueCents: 0n }).steps[0]!.approverIds.push('u-2');
    expect(rules[0]!.steps[0]!.approverIds).toEqual(['u-1']);
  });
});

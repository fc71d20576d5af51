import { readMoneyAmount } from '@broker/contracts';
import type { ChainRule, ChainStep } from './approval-chains.events';

export interface ChainRequest {
  productId: string;
  /** In minor units of the organization's currency (see annualValueCents). */
  annualValueCents: bigint;
}

export interface SelectedChain {
  /** The rule that picked the chain (recorded for the history); null when none matched. */
  ruleIndex: number | null;
  /** The internal steps, in order; empty: straight to the reseller's step (if the reseller's policy wants one). */
  steps: ChainStep[];
}

export function ruleMatches(rule: ChainRule, request: ChainRequest, currency?: string | null): boolean {
  const { condition } = rule;
  switch (condition.type) {
    case 'always':
      return true;
    case 'annual_value_above':
      return request.annualValueCents > readMoneyAmount(condition.amount, currency);
    case 'products':
      return condition.productIds.includes(request.productId);
  }
}

/** The first rule whose condition matches picks the chain; none matching: no internal steps. */
export function chainFor(rules: readonly ChainRule[], request: ChainRequest, currency?: string | null): SelectedChain {
  const ruleIndex = rules.findIndex((rule) => ruleMatches(rule, request, currency));
  if (ruleIndex < 0) return { ruleIndex: null, steps: [] };
  return { ruleIndex, steps: rules[ruleIndex]!.steps.map((step) => ({ approverIds: [...step.approverIds] })) };
}

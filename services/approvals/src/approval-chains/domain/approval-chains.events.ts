import type { EscalationSettings } from './escalation-schedule';

/** Which requests a rule applies to. `annual_value_above`: strictly above the amount, a decimal in the organization's currency. */
export type ChainCondition = { type: 'always' } | { type: 'annual_value_above'; amount: string } | { type: 'products'; productIds: string[] };

/** One step of a chain: any one of its approvers decides it. */
export interface ChainStep {
  approverIds: string[];
}

export interface ChainRule {
  condition: ChainCondition;
  steps: ChainStep[];
}

/**
 * Internal events of an organization's approval chains stream (`approval-chains-<organizationId>`). A set records the
 * whole configuration, so the configuration in force is the last event.
 */
export type ApprovalChainsEvent =
  | {
      type: 'ApprovalChainsSet';
      /** `escalation`: absent on configurations set before it existed (never chased). */
      data: { organizationId: string; resellerId: string; rules: ChainRule[]; escalation?: EscalationSettings | null; setBy: string; setAt: string };
    }
  | { type: 'ApprovalChainsCleared'; data: { organizationId: string; resellerId: string; clearedBy: string; clearedAt: string } };

export const approvalChainsStreamId = (organizationId: string): string => `approval-chains-${organizationId}`;

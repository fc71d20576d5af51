import type { ApprovalChainsView } from '@broker/contracts';
import { rulesOf, type ApprovalChainsState } from './domain/approval-chains.decider';

export function toApprovalChainsView(organizationId: string, state: ApprovalChainsState, version: string, currency?: string): ApprovalChainsView {
  return { organizationId, rules: rulesOf(state, currency), version };
}

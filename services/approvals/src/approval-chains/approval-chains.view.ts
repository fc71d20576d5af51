import type { ApprovalChainsView } from '@broker/contracts';
import { escalationOf, rulesOf, type ApprovalChainsState } from './domain/approval-chains.decider';

export function toApprovalChainsView(organizationId: string, state: ApprovalChainsState, version: string, currency?: string): ApprovalChainsView {
  const escalation = escalationOf(state);
  return { organizationId, rules: rulesOf(state, currency), escalation: escalation ? { ...escalation } : null, version };
}

import { DomainError } from '@broker/event-sourcing';

/** The policy's version: how many changes its stream holds ("0" while never set; revision -1 or undefined). */
export function policyVersion(revision: bigint | undefined): string {
  return String((revision ?? -1n) + 1n);
}

/** A change made under a version (If-Match) the policy is no longer at: 412. */
export class ApprovalPolicyVersionMismatchError extends DomainError {
  constructor() {
    super('APPROVAL_POLICY.VERSION_MISMATCH', 'The approval policy changed since the version given in If-Match: read it again and repeat the change on what you read');
  }
}

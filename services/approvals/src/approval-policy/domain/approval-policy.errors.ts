import { DomainError } from '@broker/event-sourcing';

export interface FieldMessage {
  field: string;
  message: string;
}

/**
 * A policy that breaks a rule. Code VALIDATION (400); the field messages are carried both in `details.errors`
 * and as a top-level `errors` list, which is what the RPC error filter forwards to the caller.
 */
export class InvalidApprovalPolicyError extends DomainError {
  readonly errors: FieldMessage[];

  constructor(errors: FieldMessage[]) {
    super('VALIDATION', errors.map((e) => e.message).join('; '), { errors });
    this.errors = errors;
  }
}

export class ApprovalPolicyForbiddenError extends DomainError {
  constructor(action: string) {
    super('APPROVAL_POLICY.FORBIDDEN', `Your role may not ${action} the approval policy`);
  }
}

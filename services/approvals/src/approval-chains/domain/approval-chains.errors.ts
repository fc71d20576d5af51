import { DomainError } from '@broker/event-sourcing';

export interface FieldMessage {
  field: string;
  message: string;
}

/** A chain configuration, out-of-office period or escalation setting that breaks a rule (400, every field named). */
export class InvalidApprovalChainsError extends DomainError {
  readonly errors: FieldMessage[];

  constructor(errors: FieldMessage[]) {
    super('VALIDATION', errors.map((e) => e.message).join('; '), { errors });
    this.errors = errors;
  }
}

/** A change made under a version (If-Match) the configuration is no longer at: 412. */
export class ApprovalChainsVersionMismatchError extends DomainError {
  constructor() {
    super('APPROVAL_CHAINS.VERSION_MISMATCH', 'The approval chains changed since the version given in If-Match: read them again and repeat the change on what you read');
  }
}

export class ChainStepForbiddenError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('APPROVAL.FORBIDDEN', message, details);
  }
}

/** The requester decides nothing about their own request, at any step. */
export class OwnRequestAtStepError extends ChainStepForbiddenError {
  constructor() {
    super('Nobody approves or rejects their own request');
  }
}

export class NotStepApproverError extends ChainStepForbiddenError {
  constructor(stepIndex: number, kind: 'internal' | 'reseller') {
    super(
      kind === 'reseller' ? "Only the reseller's admins approve or reject at the reseller's step" : `Only the approvers of step ${stepIndex + 1} (or their delegates while they are out of office) decide it`,
      { stepIndex },
    );
  }
}

/** A decision for a step that was decided already (by another approver, or another request at the same moment). */
export class StepAlreadyDecidedError extends DomainError {
  constructor(transactionId: string, stepIndex: number, status: string) {
    super('APPROVAL.ALREADY_DECIDED', `Step ${stepIndex + 1} of transaction ${transactionId} is already decided (the transaction is ${status.replace('_', ' ')})`, { stepIndex, status });
  }
}

/** A decision for a step the transaction has not reached yet. */
export class StepNotReachedError extends DomainError {
  constructor(transactionId: string, stepIndex: number) {
    super('APPROVAL.STEP_NOT_REACHED', `Transaction ${transactionId} has not reached step ${stepIndex + 1} yet`, { stepIndex });
  }
}

export class ChainNotFoundError extends DomainError {
  constructor(transactionId: string) {
    super('TRANSACTION.NOT_FOUND', `Transaction ${transactionId} has no approval chain`);
  }
}

/** An out-of-office period that breaks a rule (400, every field named). */
export class InvalidOutOfOfficeError extends InvalidApprovalChainsError {}

/** Reminder, escalation and auto-reject times that break a rule (400, every field named). */
export class InvalidEscalationSettingsError extends InvalidApprovalChainsError {}

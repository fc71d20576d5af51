import { DomainError } from '@broker/event-sourcing';

export class TransactionNotFoundError extends DomainError {
  constructor(transactionId: string) {
    super('TRANSACTION.NOT_FOUND', `Transaction ${transactionId} was not found`);
  }
}

export class TransactionForbiddenError extends DomainError {
  constructor(action: string) {
    super('TRANSACTION.FORBIDDEN', `Your role may not ${action}`);
  }
}

export class AlreadyDecidedError extends DomainError {
  constructor(transactionId: string, status: string) {
    super('APPROVAL.ALREADY_DECIDED', `Transaction ${transactionId} is already ${status.replace('_', ' ')}`, { status });
  }
}

/** Two decisions on one transaction at the same moment: the other one won. */
export class ConcurrentDecisionError extends DomainError {
  constructor(transactionId: string) {
    super('APPROVAL.CONFLICT', `Transaction ${transactionId} was decided by another request at the same moment`);
  }
}

export class ApprovalForbiddenError extends DomainError {
  constructor(message = 'Only the reseller\'s admins approve or reject transactions') {
    super('APPROVAL.FORBIDDEN', message);
  }
}

export class OwnRequestError extends ApprovalForbiddenError {
  constructor() {
    super('Nobody approves or rejects their own request');
  }
}

export class NotRequesterError extends DomainError {
  constructor() {
    super('TRANSACTION.FORBIDDEN', 'Only the requester may withdraw a request');
  }
}

export interface FieldMessage {
  field: string;
  message: string;
}

/** A request that breaks a rule about its input (400, the field named). */
export class InvalidTransactionError extends DomainError {
  readonly errors: FieldMessage[];

  constructor(field: string, message: string) {
    super('VALIDATION', message, { errors: [{ field, message }] });
    this.errors = [{ field, message }];
  }
}

export class ReasonRequiredError extends InvalidTransactionError {
  constructor() {
    super('reason', 'reason must not be empty');
  }
}

export class SubscriptionAlreadyCancelledError extends DomainError {
  constructor(subscriptionId: string) {
    super('SUBSCRIPTION.ALREADY_CANCELLED', `Subscription ${subscriptionId} is cancelled`);
  }
}

export class SubscriptionNotFoundError extends DomainError {
  constructor(subscriptionId: string) {
    super('SUBSCRIPTION.NOT_FOUND', `Subscription ${subscriptionId} was not found`);
  }
}

/** A transaction id (or idempotency key) used again for a different request. */
export class TransactionIdReusedError extends DomainError {
  constructor(transactionId: string) {
    super('IDEMPOTENCY.KEY_REUSED', `Transaction ${transactionId} was requested before with different details: use a new idempotency key`);
  }
}

/**
 * At approval time the subscription no longer allows the change: users were assigned meanwhile, or another change
 * was approved first (the request was made against a state that is gone).
 */
export class SubscriptionChangedError extends DomainError {
  constructor(message: string) {
    super('SUBSCRIPTION.CONFLICT', message);
  }
}

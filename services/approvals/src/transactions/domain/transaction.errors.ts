import { DomainError } from '@broker/event-sourcing';

export class TransactionNotFoundError extends DomainError {
  constructor(transactionId: string) {
    super('TRANSACTION.NOT_FOUND', `Transaction ${transactionId} was not found`);
  }
}

export class TransactionAlreadyExistsError extends DomainError {
  constructor(transactionId: string) {
    super('TRANSACTION.ALREADY_EXISTS', `Transaction ${transactionId} already exists`);
  }
}

export class AlreadyDecidedError extends DomainError {
  constructor(transactionId: string, status: string) {
    super('APPROVAL.ALREADY_DECIDED', `Transaction ${transactionId} is already ${status.replace('_', ' ')}`, { status });
  }
}

export class OwnRequestError extends DomainError {
  constructor() {
    super('APPROVAL.FORBIDDEN', 'Nobody approves or rejects their own request');
  }
}

export class NotRequesterError extends DomainError {
  constructor() {
    super('TRANSACTION.FORBIDDEN', 'Only the requester may withdraw a request');
  }
}

export class ReasonRequiredError extends DomainError {
  constructor() {
    super('VALIDATION', 'A rejection needs a reason', { errors: [{ field: 'reason', message: 'reason must not be empty' }] });
  }
}

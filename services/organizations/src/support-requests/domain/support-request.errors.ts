import { DomainError } from '@broker/event-sourcing';

export class SupportRequestForbiddenError extends DomainError {
  constructor() {
    super('SUPPORT_REQUEST.FORBIDDEN', "Support requests are raised by an organization's users for their own organization");
  }
}

export class SupportRequestAlreadyExistsError extends DomainError {
  constructor(supportRequestId: string) {
    super('SUPPORT_REQUEST.ALREADY_EXISTS', `Support request ${supportRequestId} already exists`);
  }
}

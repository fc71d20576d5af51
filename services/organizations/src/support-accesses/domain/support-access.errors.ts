import { DomainError } from '@broker/event-sourcing';

export class SupportAccessForbiddenError extends DomainError {
  constructor(action: string) {
    super('SUPPORT_ACCESS.FORBIDDEN', `Your role may not ${action}`);
  }
}

export class InvalidSupportAccessCursorError extends DomainError {
  constructor() {
    super('SUPPORT_ACCESS.INVALID_CURSOR', 'cursor is not a nextCursor of this list', { field: 'cursor' });
  }
}

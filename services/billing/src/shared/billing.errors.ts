import { DomainError } from '@broker/event-sourcing';

export class BillingOrganizationNotFoundError extends DomainError {
  constructor(organizationId: string) {
    super('BILLING.NOT_FOUND', `Organization ${organizationId} was not found`);
  }
}

export class BillingResellerNotFoundError extends DomainError {
  constructor(resellerId: string) {
    super('BILLING.NOT_FOUND', `Reseller ${resellerId} was not found`);
  }
}

export class BillingForbiddenError extends DomainError {
  constructor(action: string) {
    super('BILLING.FORBIDDEN', `Your role may not ${action}`);
  }
}

export interface FieldMessage {
  field: string;
  message: string;
}

/** Input that fails a rule the DTO cannot express: VALIDATION (400) with the field messages. */
export class InvalidBillingInputError extends DomainError {
  readonly errors: FieldMessage[];

  constructor(errors: FieldMessage[]) {
    super('VALIDATION', errors.map((e) => e.message).join('; '), { errors });
    this.errors = errors;
  }
}

import { DomainError } from '@broker/event-sourcing';

export interface FieldMessage {
  field: string;
  message: string;
}

/** A budget that breaks a rule (400, every field named). */
export class InvalidBudgetError extends DomainError {
  readonly errors: FieldMessage[];

  constructor(errors: FieldMessage[]) {
    super('VALIDATION', errors.map((e) => e.message).join('; '), { errors });
    this.errors = errors;
  }
}

/** An order that would take committed spend over a budget whose organization refuses such orders. */
export class OverBudgetError extends DomainError {
  constructor(scope: string, periodKey: string) {
    super('BUDGET.EXCEEDED', `This would take committed spend over the ${scope} budget for ${periodKey}`, { periodKey });
  }
}

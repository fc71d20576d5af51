import { DomainError } from './domain-error';

export interface FieldMessage {
  field: string;
  message: string;
}

/**
 * Input that fails a rule the DTO cannot express. Code VALIDATION (400); the field messages travel both in
 * `details.errors` and as a top-level `errors` list, which the RPC error filter forwards to the caller.
 */
export class InvalidInputError extends DomainError {
  readonly errors: FieldMessage[];

  constructor(errors: FieldMessage[]) {
    super('VALIDATION', errors.map((e) => e.message).join('; '), { errors });
    this.errors = errors;
  }
}

import { DomainError } from '@broker/event-sourcing';

export interface FieldMessage {
  field: string;
  message: string;
}

export class UserAlreadyExistsError extends DomainError {
  constructor(userId: string) {
    super('USER.ALREADY_EXISTS', `User ${userId} already exists`);
  }
}

/** 409: this user id's registration was given up after a failure; creating the user again makes a new id. */
export class RegistrationAbandonedError extends DomainError {
  constructor(userId: string) {
    super('USER.CONFLICT', `The registration of user ${userId} failed and was undone; create the user again`, { reason: 'registration_abandoned' });
  }
}

/** Also the answer for a user of another tenant, or a deleted one: nobody learns that such a user exists. */
export class UserNotFoundError extends DomainError {
  constructor(userId: string) {
    super('USER.NOT_FOUND', `User ${userId} was not found`);
  }
}

/** 409: usernames are unique on the whole platform, whatever their case. */
export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super('USER.DUPLICATE_USERNAME', `The username ${username} is already in use`, { field: 'username' });
  }
}

/**
 * 400 listing every broken rule at once. The field messages are on `errors` (what the RPC error filter sends on)
 * and on `details.errors` (what callers inside the service, such as the CSV import, read per row).
 */
export class UserValidationError extends DomainError {
  readonly errors: FieldMessage[];

  constructor(errors: FieldMessage[], message = 'The user is not valid') {
    super('VALIDATION', message, { errors });
    this.errors = errors;
  }
}

/** 403: an admin may not lock themselves out. */
export class CannotChangeOwnStatusError extends DomainError {
  constructor(readonly action: 'disable' | 'delete') {
    super(action === 'disable' ? 'USER.DISABLE_SELF.FORBIDDEN' : 'USER.DELETE_SELF.FORBIDDEN', `You may not ${action} yourself`);
  }
}

export class UserForbiddenError extends DomainError {
  constructor(message = 'Your role may not do this') {
    super('USER.FORBIDDEN', message);
  }
}

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('AUTH.UNAUTHENTICATED', 'Wrong username or password');
  }
}

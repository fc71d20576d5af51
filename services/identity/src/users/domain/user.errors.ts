import { DomainError } from '@broker/event-sourcing';

export class UserAlreadyExistsError extends DomainError {
  constructor(userId: string) {
    super('USER.ALREADY_EXISTS', `User ${userId} already exists`);
  }
}

export class UserNotFoundError extends DomainError {
  constructor(userId: string) {
    super('USER.NOT_FOUND', `User ${userId} was not found`);
  }
}

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super('USER.USERNAME_CONFLICT', `The username ${username} is already in use`, { field: 'username' });
  }
}

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('AUTH.UNAUTHENTICATED', 'Wrong username or password');
  }
}

import { InvalidInputError } from './invalid-input.error';

export const invalidDomainError = (field: string): InvalidInputError =>
  new InvalidInputError([{ field, message: `${field} must be a DNS name such as contoso.com` }]);

import { InvalidInputError } from '@broker/event-sourcing';

export const invalidInternetDomainError = (field: string): InvalidInputError =>
  new InvalidInputError([{ field, message: `${field} must be a DNS name such as contoso.com` }]);

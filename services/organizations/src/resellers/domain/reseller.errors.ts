import { DomainError } from '@broker/event-sourcing';

export class ResellerAlreadyExistsError extends DomainError {
  constructor(resellerId: string) {
    super('RESELLER.ALREADY_EXISTS', `Reseller ${resellerId} already exists`);
  }
}

export class ResellerNotFoundError extends DomainError {
  constructor(resellerId: string) {
    super('RESELLER.NOT_FOUND', `Reseller ${resellerId} was not found`);
  }
}

import { DomainError } from '@broker/event-sourcing';

export class OrganizationAlreadyExistsError extends DomainError {
  constructor(organizationId: string) {
    super('ORGANIZATION.ALREADY_EXISTS', `Organization ${organizationId} already exists`);
  }
}

/** Also the answer for an organization the caller may not see: another tenant's id looks exactly like a missing one. */
export class OrganizationNotFoundError extends DomainError {
  constructor(organizationId: string) {
    super('ORGANIZATION.NOT_FOUND', `Organization ${organizationId} was not found`);
  }
}

export class OrganizationForbiddenError extends DomainError {
  constructor(action: string) {
    super('ORGANIZATION.FORBIDDEN', `Your role may not ${action}`);
  }
}

export class DomainNotFoundError extends DomainError {
  constructor(domain: string) {
    super('DOMAIN.NOT_FOUND', `The organization has no domain ${domain}`);
  }
}

/** The domain belongs to another organization (domains are unique across the platform). */
export class DomainAlreadyClaimedError extends DomainError {
  constructor(domain: string) {
    super('DOMAIN.ALREADY_CLAIMED', `The domain ${domain} is already in use by another organization`, { field: 'domain' });
  }
}

export class PrimaryDomainRemovalError extends DomainError {
  constructor(domain: string) {
    super('DOMAIN.CONFLICT', `${domain} is the organization's primary domain and cannot be removed`, { reason: 'primary_domain' });
  }
}

export class DomainInUseError extends DomainError {
  constructor(domain: string, users: number) {
    super('DOMAIN.CONFLICT', `${users} user(s) of the organization still have a username in ${domain}`, { reason: 'in_use', users });
  }
}

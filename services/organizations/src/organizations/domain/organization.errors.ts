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

export class InternetDomainNotFoundError extends DomainError {
  constructor(domain: string) {
    super('DOMAIN.NOT_FOUND', `The organization has no domain ${domain}`);
  }
}

/** The domain belongs to another organization (domains are unique across the platform). */
export class InternetDomainAlreadyClaimedError extends DomainError {
  constructor(domain: string) {
    super('DOMAIN.ALREADY_CLAIMED', `The domain ${domain} is already in use by another organization`, { field: 'domain' });
  }
}

export class PrimaryDomainRemovalError extends DomainError {
  constructor(domain: string) {
    super('DOMAIN.CONFLICT', `${domain} is the organization's primary domain and cannot be removed`, { reason: 'primary_domain' });
  }
}

export class InternetDomainInUseError extends DomainError {
  constructor(domain: string, users: number) {
    super('DOMAIN.CONFLICT', `${users} user(s) of the organization still have a username in ${domain}`, { reason: 'in_use', users });
  }
}

/** The reseller's approval of a domain is the reseller admin's alone. */
export class InternetDomainApprovalForbiddenError extends DomainError {
  constructor() {
    super('DOMAIN.FORBIDDEN', "Only the organization's reseller may approve a domain");
  }
}

/** 409: the DNS does not (yet) hold the verification record, or could not be asked. */
export class InternetDomainNotVerifiedError extends DomainError {
  constructor(domain: string, recordName: string, recordValue: string, cause?: string) {
    super(
      'DOMAIN.CONFLICT',
      cause
        ? `${domain} could not be verified: the DNS lookup of ${recordName} failed (${cause}); try again later`
        : `${domain} is not verified: no TXT record ${recordName} with the value ${recordValue} was found`,
      { reason: 'not_verified', recordName, recordValue },
    );
  }
}

/** 409: the verification request ran out; adding the domain again gives a new token. */
export class InternetDomainVerificationExpiredError extends DomainError {
  constructor(domain: string) {
    super('DOMAIN.CONFLICT', `The verification of ${domain} expired; add the domain again for a new verification record`, { reason: 'verification_expired' });
  }
}

/** 409: verify or drop some of the domains waiting for proof first. */
export class TooManyPendingInternetDomainsError extends DomainError {
  constructor(max: number) {
    super('DOMAIN.CONFLICT', `The organization already has ${max} domains waiting for verification; verify or remove some first`, { reason: 'too_many_pending' });
  }
}

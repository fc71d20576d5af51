import type { OrganizationDomainView } from '@broker/contracts';
import type { ActiveOrganization, PendingInternetDomain } from './organization.decider';

/** Where a domain's owner proves it: a TXT record under the domain, holding the organization's token. */
export const VERIFICATION_RECORD_PREFIX = '_broker-verification';
export const VERIFICATION_VALUE_PREFIX = 'broker-domain-verification=';

export interface VerificationRecord {
  recordName: string;
  recordValue: string;
}

export function verificationRecordOf(pending: Pick<PendingInternetDomain, 'domain' | 'token'>): VerificationRecord {
  return { recordName: `${VERIFICATION_RECORD_PREFIX}.${pending.domain}`, recordValue: `${VERIFICATION_VALUE_PREFIX}${pending.token}` };
}

export function expiresAtOf(pending: PendingInternetDomain, ttlMs: number): Date {
  return new Date(Date.parse(pending.requestedAt) + ttlMs);
}

export function isExpired(pending: PendingInternetDomain, ttlMs: number, at: Date): boolean {
  return at.getTime() >= expiresAtOf(pending, ttlMs).getTime();
}

export function pendingInternetDomainOf(organization: Pick<ActiveOrganization, 'pendingDomains'>, domain: string): PendingInternetDomain | undefined {
  return organization.pendingDomains.find((p) => p.domain === domain);
}

/**
 * Every domain of the organization as the API lists it: the verified ones (the primary first), then the ones
 * waiting for proof, with the record to publish when `withRecord` (those who manage the domains).
 */
export function internetDomainViewsOf(organization: Pick<ActiveOrganization, 'domains' | 'primaryDomain' | 'pendingDomains'>, ttlMs: number, at: Date, withRecord = true): OrganizationDomainView[] {
  const verified = organization.domains.map((domain) => verifiedInternetDomainView(organization, domain));
  const pending = organization.pendingDomains.map((p) => pendingInternetDomainView(p, ttlMs, at, withRecord));
  return [...verified, ...pending];
}

export function verifiedInternetDomainView(organization: Pick<ActiveOrganization, 'primaryDomain'>, domain: string): OrganizationDomainView {
  return { domain, primary: domain === organization.primaryDomain, status: 'verified' };
}

export function pendingInternetDomainView(pending: PendingInternetDomain, ttlMs: number, at: Date, withRecord = true): OrganizationDomainView {
  const view: OrganizationDomainView = {
    domain: pending.domain,
    primary: false,
    status: isExpired(pending, ttlMs, at) ? 'expired' : 'pending',
    expiresAt: expiresAtOf(pending, ttlMs).toISOString(),
  };
  return withRecord ? { ...view, verification: verificationRecordOf(pending) } : view;
}

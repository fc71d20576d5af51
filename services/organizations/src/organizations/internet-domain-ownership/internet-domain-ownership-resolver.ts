import type { VerificationRecord } from '../domain/internet-domain-verification';

/** What the DNS says about a verification record. */
export type OwnershipAnswer = { found: boolean } | { found: false; failure: string };

/**
 * The port through which a domain's ownership is checked: whether the DNS publishes the verification record
 * (a TXT record at `recordName` with exactly `recordValue`). The adapter asks real name servers; tests point it
 * at their own.
 */
export abstract class InternetDomainOwnershipResolver {
  abstract check(record: VerificationRecord): Promise<OwnershipAnswer>;
}

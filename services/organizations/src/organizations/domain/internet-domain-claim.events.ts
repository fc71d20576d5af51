/**
 * Internal events of a domain's claim stream (`domain-<name-based id of the domain>`): a domain belongs to at most
 * one organization on the whole platform. The first claim creates the stream (expected `no_stream`), later
 * claims expect the exact revision they read, so two organizations can never both hold it.
 */
export type InternetDomainClaimEvent =
  | { type: 'DomainClaimed'; data: { domain: string; organizationId: string; resellerId: string; claimedBy: string; claimedAt: string } }
  | { type: 'DomainReleased'; data: { domain: string; organizationId: string; releasedBy: string; releasedAt: string } };

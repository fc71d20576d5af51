import { DomainError } from '@broker/event-sourcing';

/** The details' version: how many changes their stream holds ("0" while never set; revision -1 or undefined). */
export function detailsVersion(revision: bigint | undefined): string {
  return String((revision ?? -1n) + 1n);
}

/** A change made under a version (If-Match) the details are no longer at: 412. */
export class BillingDetailsVersionMismatchError extends DomainError {
  constructor() {
    super('BILLING_DETAILS.VERSION_MISMATCH', 'The billing details changed since the version given in If-Match: read them again and repeat the change on what you read');
  }
}

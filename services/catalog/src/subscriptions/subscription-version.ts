import { DomainError } from '@broker/event-sourcing';

/** The subscription's version: how many events its stream holds (activation, assignments, changes, cancellation). */
export function subscriptionVersion(revision: bigint): string {
  return String(revision + 1n);
}

/** A change made under a version (If-Match) the subscription is no longer at: 412. */
export class SubscriptionVersionMismatchError extends DomainError {
  constructor() {
    super('SUBSCRIPTION.VERSION_MISMATCH', 'The subscription changed since the version given in If-Match: read it again and repeat the change on what you read');
  }
}

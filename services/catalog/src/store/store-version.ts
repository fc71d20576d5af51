import { DomainError } from '@broker/event-sourcing';

/**
 * The store's version: the number of curations its stream holds, and the sum of the numbers of events of the
 * products in it. The store shows its products' names and catalog prices, so a change of any of them changes the
 * version too; the sum can only grow, because a stream only grows and the set of products changes only with a
 * curation (which the first part counts).
 */
export function storeVersion(storeRevision: bigint | undefined, productRevisions: readonly (bigint | undefined)[]): string {
  const products = productRevisions.reduce<bigint>((sum, revision) => sum + (revision ?? -1n) + 1n, 0n);
  return `${(storeRevision ?? -1n) + 1n}-${products}`;
}

/** A curation made under a version (If-Match) the store is no longer at: 412. */
export class StoreVersionMismatchError extends DomainError {
  constructor() {
    super('STORE.VERSION_MISMATCH', 'The store changed since the version given in If-Match: read it again and repeat the change on what you read');
  }
}

/** One product of a store; `price` null: the catalog price applies. */
export interface StoreEntry {
  productId: string;
  price: string | null;
}

/** Internal events of an organization's store stream (`store-<organizationId>`). Each holds the whole store after it. */
export type StoreEvent = {
  type: 'StoreCurated';
  data: { organizationId: string; resellerId: string; products: StoreEntry[]; curatedBy: string; curatedAt: string };
};

export const storeStreamId = (organizationId: string): string => `store-${organizationId}`;

import type { Decider } from '@broker/event-sourcing';
import type { StoreEntry, StoreEvent } from './store.events';

export type StoreCommand = {
  type: 'CurateStore';
  data: { organizationId: string; resellerId: string; products: StoreEntry[] };
  actorId: string;
  at: Date;
};

/** An organization that was never curated has an empty store. */
export interface StoreState {
  organizationId: string | null;
  resellerId: string | null;
  products: StoreEntry[];
}

/** "Set to": the store becomes exactly the given products, in the given order; the same store again records nothing. */
export const storeDecider: Decider<StoreCommand, StoreEvent, StoreState> = {
  initialState: () => ({ organizationId: null, resellerId: null, products: [] }),

  decide(command, state) {
    const { organizationId, resellerId, products } = command.data;
    const same = state.organizationId !== null && state.products.length === products.length && state.products.every((p, i) => p.productId === products[i]!.productId && p.price === products[i]!.price);
    if (same) return [];
    return [{ type: 'StoreCurated', data: { organizationId, resellerId, products: products.map((p) => ({ ...p })), curatedBy: command.actorId, curatedAt: command.at.toISOString() } }];
  },

  evolve(_state, event) {
    const { organizationId, resellerId, products } = event.data;
    return { organizationId, resellerId, products };
  },
};

/** The entry of a product in the store, or null when the organization may not see it. */
export function storeEntryOf(state: StoreState, productId: string): StoreEntry | null {
  return state.products.find((p) => p.productId === productId) ?? null;
}

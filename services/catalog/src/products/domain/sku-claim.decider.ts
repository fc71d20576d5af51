import { nameBasedId } from '@broker/contracts';
import type { Decider } from '@broker/event-sourcing';
import { DuplicateSkuError } from './product.errors';

/**
 * A SKU names at most one product of a reseller's catalog, whatever its case. Its claim stream
 * (`sku-<id of reseller and SKU>`) holds who claimed and released it; a claim appends at the stream's current
 * revision, so two products claiming the same free SKU at once cannot both succeed (docs/adr/0006).
 */
export type SkuClaimEvent =
  | { type: 'SkuClaimed'; data: { resellerId: string; sku: string; productId: string; claimedAt: string } }
  | { type: 'SkuReleased'; data: { resellerId: string; sku: string; productId: string; releasedAt: string } };

export type SkuClaimCommand =
  | { type: 'ClaimSku'; data: { resellerId: string; sku: string; productId: string }; at: Date }
  | { type: 'ReleaseSku'; data: { resellerId: string; sku: string; productId: string }; at: Date };

export interface SkuClaimState {
  holder: string | null;
}

export const skuClaimDecider: Decider<SkuClaimCommand, SkuClaimEvent, SkuClaimState> = {
  initialState: () => ({ holder: null }),

  decide(command, state) {
    const { productId } = command.data;
    switch (command.type) {
      case 'ClaimSku':
        if (state.holder === productId) return [];
        if (state.holder !== null) throw new DuplicateSkuError(command.data.sku);
        return [{ type: 'SkuClaimed', data: { ...command.data, claimedAt: command.at.toISOString() } }];
      case 'ReleaseSku':
        if (state.holder !== productId) return [];
        return [{ type: 'SkuReleased', data: { ...command.data, releasedAt: command.at.toISOString() } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'SkuClaimed':
        return { holder: event.data.productId };
      case 'SkuReleased':
        return state.holder === event.data.productId ? { holder: null } : state;
    }
  },
};

export const normalizeSku = (sku: string): string => sku.trim();

export const skuClaimStreamId = (resellerId: string, sku: string): string => `sku-${nameBasedId(`sku:${resellerId}:${normalizeSku(sku).toLowerCase()}`)}`;

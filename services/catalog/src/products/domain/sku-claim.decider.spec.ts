import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { DuplicateSkuError } from './product.errors';
import { skuClaimDecider, skuClaimStreamId } from './sku-claim.decider';

const spec = DeciderSpecification.for(skuClaimDecider);
const at = new Date('2026-03-16T09:00:00Z');
const claim = (productId: string) => ({ type: 'ClaimSku' as const, data: { resellerId: 'r-1', sku: 'M365-E3', productId }, at });
const claimed = (productId: string) => ({ type: 'SkuClaimed' as const, data: { resellerId: 'r-1', sku: 'M365-E3', productId, claimedAt: at.toISOString() } });
const released = (productId: string) => ({ type: 'SkuReleased' as const, data: { resellerId: 'r-1', sku: 'M365-E3', productId, releasedAt: at.toISOString() } });

describe('SKU claim decider', () => {
  it('lets one product claim a free SKU, and the same product again without a second claim', () => {
    spec.when(claim('p-1')).then([claimed('p-1')]);
    spec.given([claimed('p-1')]).when(claim('p-1')).then([]);
  });

  it('refuses a SKU another product holds, until it is released', () => {
    spec.given([claimed('p-1')]).when(claim('p-2')).thenThrows(DuplicateSkuError, (e) => e.code === 'PRODUCT.DUPLICATE_SKU');
    spec.given([claimed('p-1'), released('p-1')]).when(claim('p-2')).then([claimed('p-2')]);
  });

  it('releases only its own claim', () => {
    spec.given([claimed('p-1')]).when({ type: 'ReleaseSku', data: { resellerId: 'r-1', sku: 'M365-E3', productId: 'p-2' }, at }).then([]);
    spec.given([claimed('p-1')]).when({ type: 'ReleaseSku', data: { resellerId: 'r-1', sku: 'M365-E3', productId: 'p-1' }, at }).then([released('p-1')]);
  });

  it('is one stream per reseller and SKU, whatever the case', () => {
    expect(skuClaimStreamId('r-1', 'm365-e3')).toBe(skuClaimStreamId('r-1', ' M365-E3 '));
    expect(skuClaimStreamId('r-1', 'M365-E3')).not.toBe(skuClaimStreamId('r-2', 'M365-E3'));
  });
});

import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { storeDecider, storeEntryOf } from './store.decider';

const spec = DeciderSpecification.for(storeDecider);
const at = new Date('2026-03-16T09:00:00Z');
const curate = (products: { productId: string; price: string | null }[]) => ({ type: 'CurateStore' as const, data: { organizationId: 'o-1', resellerId: 'r-1', products }, actorId: 'u-1', at });
const curated = (products: { productId: string; price: string | null }[]) => ({
  type: 'StoreCurated' as const,
  data: { organizationId: 'o-1', resellerId: 'r-1', products, curatedBy: 'u-1', curatedAt: at.toISOString() },
});

describe('store decider', () => {
  it('sets the store to the given products, with and without an organization price', () => {
    const products = [{ productId: 'p-1', price: '9.90' }, { productId: 'p-2', price: null }];
    spec.when(curate(products)).then([curated(products)]);
  });

  it('records nothing when the store is already so, and records an emptied store', () => {
    const products = [{ productId: 'p-1', price: '9.90' }];
    spec.given([curated(products)]).when(curate([{ productId: 'p-1', price: '9.90' }])).then([]);
    spec.given([curated(products)]).when(curate([{ productId: 'p-1', price: null }])).then([curated([{ productId: 'p-1', price: null }])]);
    spec.given([curated(products)]).when(curate([])).then([curated([])]);
  });

  it('records a first empty store, so the curation is on record', () => {
    spec.when(curate([])).then([curated([])]);
  });

  it('finds the entry of a product, or none', () => {
    const state = [curated([{ productId: 'p-1', price: '9.90' }])].reduce(storeDecider.evolve, storeDecider.initialState());
    expect(storeEntryOf(state, 'p-1')).toEqual({ productId: 'p-1', price: '9.90' });
    expect(storeEntryOf(state, 'p-2')).toBeNull();
  });
});

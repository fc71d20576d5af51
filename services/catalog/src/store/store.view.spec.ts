import type { ActiveProduct } from '../products/product.repository';
import { storeDecider } from './domain/store.decider';
import { organizationPrice, toStoreView } from './store.view';

const product = (productId: string, fields: Partial<ActiveProduct> = {}): ActiveProduct => ({
  status: 'active', productId, resellerId: 'r-1', name: `Product ${productId}`, vendor: 'Contoso', sku: productId.toUpperCase(), description: 'd',
  billingFrequency: 'monthly', price: '10.50', cost: '7.25', currency: 'EUR', createdAt: 't', updatedAt: 't', ...fields,
});

const curatedState = (products: { productId: string; price: string | null }[]) =>
  storeDecider.evolve(storeDecider.initialState(), { type: 'StoreCurated', data: { organizationId: 'o-1', resellerId: 'r-1', products, curatedBy: 'u-1', curatedAt: 't' } });

describe('store view', () => {
  it('prices each item at the organization price if set, else the catalog price, in the reseller currency, without cost', () => {
    const state = curatedState([{ productId: 'p-1', price: '9.90' }, { productId: 'p-2', price: null }]);
    const view = toStoreView(state, new Map([['p-1', product('p-1')], ['p-2', product('p-2', { billingFrequency: 'annual', price: '120.00' })]]));
    expect(view).toEqual({
      items: [
        { productId: 'p-1', name: 'Product p-1', vendor: 'Contoso', description: 'd', billingFrequency: 'monthly', price: '9.90', currency: 'EUR' },
        { productId: 'p-2', name: 'Product p-2', vendor: 'Contoso', description: 'd', billingFrequency: 'annual', price: '120.00', currency: 'EUR' },
      ],
    });
    expect(JSON.stringify(view)).not.toContain('7.25');
    expect(JSON.stringify(view)).not.toContain('cost');
  });

  it("leaves out products that are missing or of another reseller", () => {
    const state = curatedState([{ productId: 'p-1', price: null }, { productId: 'p-9', price: null }, { productId: 'p-x', price: null }]);
    const view = toStoreView(state, new Map([['p-1', product('p-1')], ['p-x', product('p-x', { resellerId: 'r-2' })]]));
    expect(view.items.map((i) => i.productId)).toEqual(['p-1']);
  });

  it('is empty for a store never curated', () => {
    expect(toStoreView(storeDecider.initialState(), new Map())).toEqual({ items: [] });
  });

  it('chooses the organization price over the catalog price', () => {
    expect(organizationPrice({ productId: 'p-1', price: '0.00' }, { price: '10.50' })).toBe('0.00');
    expect(organizationPrice({ productId: 'p-1', price: null }, { price: '10.50' })).toBe('10.50');
  });
});

describe('store view in currencies without two decimals', () => {
  it('shows prices with the decimals of the currency, also those recorded with two decimals before', () => {
    const state = curatedState([{ productId: 'p-1', price: '1200.00' }, { productId: 'p-2', price: null }, { productId: 'p-3', price: '1.25' }]);
    const view = toStoreView(state, new Map([
      ['p-1', product('p-1', { currency: 'JPY', price: '1260' })],
      ['p-2', product('p-2', { currency: 'JPY', price: '1260.00' })],
      ['p-3', product('p-3', { currency: 'KWD', price: '2.000' })],
    ]));
    expect(view.items.map((i) => `${i.price} ${i.currency}`)).toEqual(['1200 JPY', '1260 JPY', '1.250 KWD']);
  });
});

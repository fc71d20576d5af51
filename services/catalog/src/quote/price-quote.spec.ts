import type { ActiveProduct } from '../products/product.repository';
import { storeDecider, type StoreState } from '../store/domain/store.decider';
import type { ExistingSubscription } from '../subscriptions/domain/subscription.decider';
import { priceQuote } from './price-quote';

const organization = { organizationId: 'o-1', resellerId: 'r-1' };
const product: ActiveProduct = {
  status: 'active', productId: 'p-1', resellerId: 'r-1', name: 'E3', vendor: 'Microsoft', sku: 'E3', description: '', billingFrequency: 'monthly',
  price: '10.50', cost: '8.00', currency: 'EUR', createdAt: 't', updatedAt: 't',
};
const storeWith = (products: { productId: string; price: string | null }[]): StoreState =>
  storeDecider.evolve(storeDecider.initialState(), { type: 'StoreCurated', data: { organizationId: 'o-1', resellerId: 'r-1', products, curatedBy: 'u', curatedAt: 't' } });
const subscription: ExistingSubscription = {
  subscriptionId: 's-1', resellerId: 'r-1', organizationId: 'o-1', productId: 'p-1', productName: 'E3 (old name)', billingFrequency: 'monthly', unitPrice: '9.00', unitCost: '8.00',
  currency: 'EUR', status: 'active', quantity: 4, startedAt: 't', cancelledAt: null, assignedUserIds: ['u-a', 'u-b'], appliedTransactionIds: ['t-1', 't-2'],
  sequence: 1, held: [],
};

describe('price quote', () => {
  it('quotes a store product at the organization price if set, else the catalog price', () => {
    expect(priceQuote({ organization, store: storeWith([{ productId: 'p-1', price: '9.90' }]), product, productId: 'p-1' })).toEqual({
      organizationId: 'o-1', resellerId: 'r-1', productId: 'p-1', productName: 'E3', billingFrequency: 'monthly', unitPrice: '9.90', currency: 'EUR', subscription: null,
    });
    expect(priceQuote({ organization, store: storeWith([{ productId: 'p-1', price: null }]), product, productId: 'p-1' })?.unitPrice).toBe('10.50');
  });

  it('refuses a product outside the store, missing, or of another reseller', () => {
    expect(priceQuote({ organization, store: storeWith([]), product, productId: 'p-1' })).toBeNull();
    expect(priceQuote({ organization, store: storeDecider.initialState(), product, productId: 'p-1' })).toBeNull();
    expect(priceQuote({ organization, store: storeWith([{ productId: 'p-1', price: null }]), product: null, productId: 'p-1' })).toBeNull();
    expect(priceQuote({ organization, store: storeWith([{ productId: 'p-1', price: null }]), product: { ...product, resellerId: 'r-2' }, productId: 'p-1' })).toBeNull();
  });

  it("quotes a subscription with its quantity, assigned count and status, at the store's price now", () => {
    expect(priceQuote({ organization, store: storeWith([{ productId: 'p-1', price: '9.50' }]), product, subscription })).toEqual({
      organizationId: 'o-1', resellerId: 'r-1', productId: 'p-1', productName: 'E3', billingFrequency: 'monthly', unitPrice: '9.50', currency: 'EUR',
      subscription: { id: 's-1', quantity: 4, assignedCount: 2, status: 'active', sequence: 1 },
    });
  });

  it("quotes a subscription whose product left the store at the subscription's own price", () => {
    expect(priceQuote({ organization, store: storeWith([]), product, subscription })?.unitPrice).toBe('9.00');
  });

  it('refuses a subscription of another organization, an unknown one, or one of another product', () => {
    expect(priceQuote({ organization: { organizationId: 'o-2', resellerId: 'r-1' }, store: storeWith([]), product, subscription })).toBeNull();
    expect(priceQuote({ organization, store: storeWith([]), product, subscription: { status: 'none', held: [] } })).toBeNull();
    expect(priceQuote({ organization, store: storeWith([]), product, subscription, productId: 'p-2' })).toBeNull();
  });

  it('quotes a subscription not applied here yet, named with its product, as that product with no subscription', () => {
    expect(priceQuote({ organization, store: storeWith([{ productId: 'p-1', price: '9.50' }]), product, subscription: { status: 'none', held: [] }, productId: 'p-1' })).toMatchObject({
      productId: 'p-1', unitPrice: '9.50', subscription: null,
    });
    expect(priceQuote({ organization, store: storeWith([]), product, subscription: { status: 'none', held: [] }, productId: 'p-1' })).toBeNull();
  });
});

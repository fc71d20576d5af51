import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { ProductRepository } from './product.repository';

jest.setTimeout(30_000);

/** SKU uniqueness within a reseller's catalog on real PostgreSQL: claim streams decide races (docs/adr/0006). */
describe('SKU claims (PostgreSQL)', () => {
  let drop: () => Promise<void>;
  let events: PostgresEventStore;
  let products: ProductRepository;
  const at = new Date();

  beforeAll(async () => {
    const test = await createTestConnection('catalog_sku');
    drop = test.drop;
    events = new PostgresEventStore(test.connection);
    await events.init();
    products = new ProductRepository(events);
  });

  afterAll(async () => {
    await events?.close();
    await drop?.();
  });

  it('lets exactly one of concurrent claims of a SKU (in any case) win within a reseller', async () => {
    const resellerId = randomUUID();
    const outcomes = await Promise.allSettled(['Sku-1', 'SKU-1', 'sku-1', 'sKu-1'].map((sku) => products.claimSku(resellerId, sku, randomUUID(), 'create', at, {})));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const failure of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
      expect(failure.reason).toMatchObject({ code: expect.stringMatching(/^(PRODUCT\.DUPLICATE_SKU|EVENT_STORE\.WRONG_EXPECTED_REVISION)$/) });
    }
  });

  it('keeps SKUs apart per reseller, lets a retried claim finish, and frees a released SKU', async () => {
    const [resellerA, resellerB, first, second] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    expect(await products.claimSku(resellerA, 'E3', first, 'create', at, {})).toBe(true);
    expect(await products.claimSku(resellerB, 'E3', second, 'create', at, {})).toBe(true);
    expect(await products.claimSku(resellerA, 'e3', first, 'create', at, {})).toBe(false);
    await expect(products.claimSku(resellerA, 'E3', second, 'create', at, {})).rejects.toMatchObject({ code: 'PRODUCT.DUPLICATE_SKU' });
    await products.releaseSku(resellerA, 'E3', first, 'change:0', at, {});
    expect(await products.claimSku(resellerA, 'E3', second, 'create', at, {})).toBe(true);
  });
});

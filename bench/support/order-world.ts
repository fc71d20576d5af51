import { ApiClient } from '../../test/support/http-client';
import type { NpmStartPlatform } from '../../test/support/npm-start-platform';
import { randomSuffix } from './bench-postgres';
import { ok } from './http-load';

/** The password of every user the benchmarks make. */
export const BENCH_PASSWORD = 'Xq9!wertzu';

export interface ResellerWorld {
  anonymous: ApiClient;
  /** The reseller's admin, logged in. */
  reseller: ApiClient;
  resellerUsername: string;
  /** The random part of the names. */
  t: string;
}

/**
 * A reseller made by the platform admin through the public API of a started platform: named `<Tag> <random part>`,
 * its addresses at `<tag><random part>.example`.
 */
export async function addReseller(platform: NpmStartPlatform, tag: string): Promise<ResellerWorld> {
  const anonymous = new ApiClient(platform.baseUrl);
  const admin = await anonymous.login(platform.adminUsername, platform.adminPassword);
  const t = randomSuffix();
  const name = `${tag.charAt(0).toUpperCase()}${tag.slice(1)} ${t}`;
  const resellerUsername = `rita@${tag}${t}.example`;
  ok(
    await admin.post('/resellers', {
      name, currency: 'EUR', notificationEmail: `n@${tag}${t}.example`, supportEmail: `s@${tag}${t}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username: resellerUsername, email: resellerUsername, password: BENCH_PASSWORD },
    }),
    201,
    'the reseller',
  );
  const reseller = await anonymous.login(resellerUsername, BENCH_PASSWORD);
  return { anonymous, reseller, resellerUsername, t };
}

/** A 5.00 monthly seat in the reseller's catalog; answers its id. */
export async function addSeat(reseller: ApiClient, t: string): Promise<string> {
  return ok(
    await reseller.post('/catalog/products', { name: `Seat ${t}`, vendor: 'Contoso', sku: `SEAT-${t}`, description: 'One seat', billingFrequency: 'monthly', price: '5.00', cost: '3.00' }),
    201,
    'the product',
  ).id as string;
}

export interface OrderWorld {
  /** A 5.00 monthly seat in every organization's e-store. */
  productId: string;
  /** Each organization with its org admin's access token, and whether it is under the dynamic approval limit. */
  orgs: { id: string; token: string; limited: boolean }[];
  resellerToken: string;
}

/**
 * Built through the public API of a started platform: one reseller with a product, `count` organizations each with
 * an e-store of that product and an org admin (logged in), those `limited(i)` picks under a dynamic approval limit.
 */
export async function buildOrderWorld(platform: NpmStartPlatform, count: number, limited: (index: number) => boolean, annualLimit: string): Promise<OrderWorld> {
  const { anonymous, reseller, resellerUsername, t } = await addReseller(platform, 'load');
  const productId = await addSeat(reseller, t);

  const orgs: OrderWorld['orgs'] = [];
  for (let i = 0; i < count; i++) {
    const domain = `o${i}-load${t}.example`;
    const id = ok(await reseller.post('/organizations', { name: `Load ${t} ${i}`, primaryDomain: domain, notificationEmail: `it@${domain}` }), 201, 'an organization').id as string;
    ok(await reseller.request('PUT', `/organizations/${id}/store`, { products: [{ productId }] }), 200, 'an e-store');
    if (limited(i)) {
      const current = ok(await reseller.get(`/organizations/${id}/settings`), 200, 'settings');
      ok(await reseller.request('PUT', `/organizations/${id}/settings`, { ...current, dynamicApproval: { enabled: true, annualLimit } }), 200, 'a dynamic approval limit');
    }
    const username = `anna@${domain}`;
    ok(await reseller.post(`/organizations/${id}/users`, { username, firstName: 'Anna', lastName: 'Admin', email: username, role: 'org_admin', password: BENCH_PASSWORD }), 201, 'an org admin');
    const login = ok(await anonymous.post('/auth/login', { username, password: BENCH_PASSWORD }), 200, 'a login');
    orgs.push({ id, token: String(login.accessToken), limited: limited(i) });
  }
  const resellerToken = String(ok(await anonymous.post('/auth/login', { username: resellerUsername, password: BENCH_PASSWORD }), 200, 'the reseller login').accessToken);
  return { productId, orgs, resellerToken };
}

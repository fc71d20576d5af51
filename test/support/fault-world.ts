import { randomUUID } from 'node:crypto';
import { ApiClient, type ApiResponse } from './http-client';
import { PASSWORD, tag } from './fixtures';
import { RetryingClient } from './retrying-client';

export type BillingFrequency = 'monthly' | 'annual';

export interface Product {
  id: string;
  name: string;
  billingFrequency: BillingFrequency;
  /** Sell price per unit per period, as sent ("10.00") and in cents. */
  price: string;
  priceCents: bigint;
}

export interface WorldOrganization {
  id: string;
  name: string;
  notificationEmail: string;
  /** Under the dynamic approval limit (ANNUAL_LIMIT); otherwise no approval process at all. */
  limited: boolean;
  billingStartDate: string;
  admin: RetryingClient;
  adminId: string;
  adminEmail: string;
}

/** One reseller with its products and organizations: the tenants one fault case works on, apart from the others. */
export interface World {
  name: string;
  resellerId: string;
  notificationEmail: string;
  approver: RetryingClient;
  approverId: string;
  products: { cheap: Product; seat: Product; annual: Product };
  organizations: WorldOrganization[];
}

export const ANNUAL_LIMIT = '1000.00';

/** Every POST carries an Idempotency-Key, the setup's too. */
const post = (client: ApiClient, path: string, body: unknown): Promise<ApiResponse> => client.post(path, body, { 'idempotency-key': randomUUID() });

const ok = <T>(response: { status: number; body: T }, status: number, what: string): T => {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
};

/**
 * A reseller, three products (1.00 a month, 10.00 a month, 400.00 a year) and `organizations` organizations with an
 * org admin each, every product in their store; half of them under a dynamic approval limit of 1000.00 a year, so
 * that there some orders are approved by policy and some wait for the reseller's decision.
 */
export async function buildWorld(baseUrl: string, platformAdmin: ApiClient, name: string, organizations = 4): Promise<World> {
  const anonymous = new ApiClient(baseUrl);
  const t = tag();
  const username = `rita@r${t}.example`;
  const notificationEmail = `approvals-${t}@r${t}.example`;
  const reseller = ok(
    await post(platformAdmin, '/resellers', {
      name: `Reseller ${name} ${t}`,
      currency: 'EUR',
      notificationEmail,
      supportEmail: `support-${t}@r${t}.example`,
      admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
    }),
    201,
    'POST /resellers',
  ) as { id: string };
  const login = ok(await post(anonymous, '/auth/login', { username, password: PASSWORD }), 200, 'reseller admin login') as { accessToken: string; user: { id: string } };
  const resellerAdmin = anonymous.as(login.accessToken);

  const product = async (label: string, billingFrequency: BillingFrequency, price: string): Promise<Product> => {
    const created = ok(
      await post(resellerAdmin, '/catalog/products', { name: `${label} ${t}`, vendor: 'Contoso', sku: `SKU-${label}-${t}`, description: label, billingFrequency, price, cost: '0.50' }),
      201,
      'POST /catalog/products',
    ) as { id: string; name: string };
    return { id: created.id, name: created.name, billingFrequency, price, priceCents: BigInt(price.replace('.', '')) };
  };
  const products = { cheap: await product('Mail', 'monthly', '1.00'), seat: await product('Office', 'monthly', '10.00'), annual: await product('Backup', 'annual', '400.00') };

  const orgs: WorldOrganization[] = [];
  for (let i = 0; i < organizations; i++) {
    const domain = `o${i}${t}.example`;
    const orgName = `Org ${i} ${name} ${t}`;
    const notification = `it-${i}-${t}@org.example`;
    const org = ok(await post(resellerAdmin, '/organizations', { name: orgName, primaryDomain: domain, notificationEmail: notification }), 201, 'POST /organizations') as { id: string };
    ok(
      await resellerAdmin.request('PUT', `/organizations/${org.id}/store`, { products: Object.values(products).map((p) => ({ productId: p.id })) }),
      200,
      'PUT store',
    );
    const limited = i % 2 === 0;
    const settings = ok(await resellerAdmin.get(`/organizations/${org.id}/settings`), 200, 'GET settings') as Record<string, unknown> & { billingStartDate: string };
    if (limited) {
      ok(
        await resellerAdmin.request('PUT', `/organizations/${org.id}/settings`, { ...settings, approvalRequired: false, dynamicApproval: { enabled: true, annualLimit: ANNUAL_LIMIT } }),
        200,
        'PUT settings',
      );
    }
    const adminUsername = `orgadmin${t}@${domain}`;
    const adminEmail = `admin-${i}-${t}@mail.example`;
    const admin = ok(
      await post(resellerAdmin, `/organizations/${org.id}/users`, { username: adminUsername, firstName: 'Olga', lastName: 'Orgadmin', email: adminEmail, role: 'org_admin', password: PASSWORD }),
      201,
      'POST users',
    ) as { id: string };
    const adminLogin = ok(await post(anonymous, '/auth/login', { username: adminUsername, password: PASSWORD }), 200, 'org admin login') as { accessToken: string };
    orgs.push({
      id: org.id,
      name: orgName,
      notificationEmail: notification,
      limited,
      billingStartDate: settings.billingStartDate,
      admin: new RetryingClient(baseUrl, adminLogin.accessToken),
      adminId: admin.id,
      adminEmail,
    });
  }
  return {
    name,
    resellerId: reseller.id,
    notificationEmail,
    approver: new RetryingClient(baseUrl, login.accessToken),
    approverId: login.user.id,
    products,
    organizations: orgs,
  };
}

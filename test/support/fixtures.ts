import { randomBytes } from 'node:crypto';
import type { ApiClient } from './http-client';

/** The password of every user the end-to-end tests create; it meets the password policy. */
export const PASSWORD = 'Xq9!wertzu';

/** A short random suffix that keeps names, usernames and domains unique across tests and runs. */
export const tag = (): string => randomBytes(4).toString('hex');

export interface Org {
  id: string;
  domain: string;
}

/**
 * POST /resellers for `<name> <tag>` with its admin `admin@<name><tag>.example` (password PASSWORD); answers 201.
 * The admin is not logged in: callers log in the way their test needs.
 */
export async function registerReseller(platformAdmin: ApiClient, name: string, currency = 'EUR'): Promise<{ id: string; username: string }> {
  const t = tag();
  const username = `admin@${name}${t}.example`;
  const created = await platformAdmin.post('/resellers', {
    name: `${name} ${t}`,
    currency,
    notificationEmail: `approvals@${name}${t}.example`,
    supportEmail: `support@${name}${t}.example`,
    admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
  });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, username };
}

/** A reseller `Reseller <tag>` (answers 201) and its admin `rita@r<tag>.example`, logged in. */
export async function createReseller(platformAdmin: ApiClient, anonymous: ApiClient, currency = 'EUR'): Promise<ApiClient> {
  const t = tag();
  const username = `rita@r${t}.example`;
  const response = await platformAdmin.post('/resellers', {
    name: `Reseller ${t}`, currency, notificationEmail: `n@r${t}.example`, supportEmail: `s@r${t}.example`,
    admin: { firstName: 'Rita', lastName: 'Reseller', username, email: username, password: PASSWORD },
  });
  expect(response.status).toBe(201);
  return anonymous.login(username, PASSWORD);
}

/** An organization `Org <domain>` of the reseller whose admin is `resellerAdmin`; answers 201. */
export async function createOrganization(resellerAdmin: ApiClient, domain = `o${tag()}.example`): Promise<Org> {
  const response = await resellerAdmin.post('/organizations', { name: `Org ${domain}`, primaryDomain: domain, notificationEmail: `it@${domain}` });
  expect(response.status).toBe(201);
  return { id: response.body.id as string, domain };
}

/** An org user `<role without underscores><tag>@<domain>` made by `admin` (answers 201), then logged in. */
export async function createOrganizationUser(
  admin: ApiClient,
  anonymous: ApiClient,
  orgId: string,
  domain: string,
  role: string,
): Promise<{ id: string; client: ApiClient }> {
  const username = `${role.replace(/_/g, '')}${tag()}@${domain}`;
  const created = await admin.post(`/organizations/${orgId}/users`, { username, firstName: 'Quinn', lastName: 'Tester', email: username, role, password: PASSWORD });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, client: await anonymous.login(username, PASSWORD) };
}

import { ApiClient, type ApiResponse } from './support/http-client';
import { createOrganization, createOrganizationUser, createReseller, PASSWORD, tag, type Org } from './support/fixtures';
import { TestDnsServer } from './support/dns-server';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * Domain ownership and username privacy through the HTTP API, every service its own process, the organizations
 * service asking a name server run by this test: a domain an organization admin adds is pending until its DNS TXT
 * record is found or the reseller approves it; a pending domain claims nothing and gives no username; and an
 * organization admin cannot tell a username held elsewhere on the platform from one outside its domains.
 */
describe('domain ownership (end to end)', () => {
  const dns = new TestDnsServer();
  let platform: PlatformProcess;
  let anonymous: ApiClient;
  let resellerAdmin: ApiClient;
  let otherResellerAdmin: ApiClient;
  let orgA: Org;
  let orgB: Org;
  let adminA: ApiClient;
  let adminB: ApiClient;
  let viewerA: ApiClient;
  let otherOrg: Org;
  let platformAdmin: ApiClient;

  const domainsOf = async (client: ApiClient, orgId: string): Promise<Record<string, any>[]> => (await client.get(`/organizations/${orgId}/domains`)).body;
  const newUser = (username: string) => ({ username, firstName: 'Nora', lastName: 'Probe', email: username, role: 'org_user', password: PASSWORD });
  const publish = (record: { recordName: string; recordValue: string }) => dns.txt.set(record.recordName.toLowerCase(), [record.recordValue]);
  /** What a caller can compare of two answers: everything but the per-request correlation. */
  const answerOf = (response: ApiResponse) => ({ status: response.status, detail: response.body?.detail, errors: response.body?.errors, code: response.body?.code });

  beforeAll(async () => {
    await dns.start();
    platform = new PlatformProcess({ env: { DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '2000' } });
    await platform.start();
    anonymous = new ApiClient(platform.baseUrl);
    platformAdmin = await anonymous.login(platform.adminUsername, platform.adminPassword);
    resellerAdmin = await createReseller(platformAdmin, anonymous);
    otherResellerAdmin = await createReseller(platformAdmin, anonymous);
    orgA = await createOrganization(resellerAdmin);
    orgB = await createOrganization(resellerAdmin);
    otherOrg = await createOrganization(otherResellerAdmin);
    adminA = (await createOrganizationUser(resellerAdmin, anonymous, orgA.id, orgA.domain, 'org_admin')).client;
    adminB = (await createOrganizationUser(resellerAdmin, anonymous, orgB.id, orgB.domain, 'org_admin')).client;
    viewerA = (await createOrganizationUser(resellerAdmin, anonymous, orgA.id, orgA.domain, 'org_viewer')).client;
  });

  afterAll(async () => {
    await platform?.stop();
    await dns.stop();
  });

  it("starts an org admin's domain pending with the record to publish; it gives no usernames and blocks no other organization", async () => {
    const domain = `pending${tag()}.example`;
    const added = await adminA.post(`/organizations/${orgA.id}/domains`, { domain: domain.toUpperCase() });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      domain,
      primary: false,
      status: 'pending',
      expiresAt: expect.any(String),
      verification: { recordName: `_broker-verification.${domain}`, recordValue: expect.stringMatching(/^broker-domain-verification=[0-9a-f]{32}$/) },
    });
    // Asked again, the same record (a new token only after it expired).
    expect((await adminA.post(`/organizations/${orgA.id}/domains`, { domain })).body.verification).toEqual(added.body.verification);
    const listed = await domainsOf(adminA, orgA.id);
    expect(listed[0]).toEqual({ domain: orgA.domain, primary: true, status: 'verified' });
    expect(listed).toContainEqual(added.body);
    // Every org role sees the pending domain; only those who manage domains see the record.
    const { verification: _record, ...withoutRecord } = added.body;
    expect(await domainsOf(viewerA, orgA.id)).toContainEqual(withoutRecord);
    expect((await adminA.get(`/organizations/${orgA.id}`)).body.domains).toEqual([orgA.domain]);

    const refused = await adminA.post(`/organizations/${orgA.id}/users`, newUser(`nora${tag()}@${domain}`));
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'username', message: expect.stringContaining("organization's domains") })]);

    // Another organization (of another reseller, whose admin vouches for it) takes the domain at once.
    const taken = await otherResellerAdmin.post(`/organizations/${otherOrg.id}/domains`, { domain });
    expect([taken.status, taken.body.status]).toEqual([201, 'verified']);
    expect((await otherResellerAdmin.post(`/organizations/${otherOrg.id}/users`, newUser(`owner${tag()}@${domain}`))).status).toBe(201);

    // A pending domain is dropped like any other.
    expect((await adminA.request('DELETE', `/organizations/${orgA.id}/domains/${domain}`)).status).toBe(204);
    expect((await domainsOf(adminA, orgA.id)).map((d) => d.domain)).not.toContain(domain);
  });

  it('verifies a domain only once its TXT record is published, after which it gives usernames', async () => {
    const domain = `proven${tag()}.example`;
    const added = await adminA.post(`/organizations/${orgA.id}/domains`, { domain });
    const record = added.body.verification as { recordName: string; recordValue: string };

    const missing = await adminA.post(`/organizations/${orgA.id}/domains/${domain}/verify`);
    expect(missing.status).toBe(409);
    expect(missing.body.detail).toContain(record.recordName);
    expect(dns.questions).toContain(record.recordName);

    dns.txt.set(record.recordName, ['broker-domain-verification=not-the-token', 'v=spf1 -all']);
    expect((await adminA.post(`/organizations/${orgA.id}/domains/${domain}/verify`)).status).toBe(409);
    expect((await adminA.post(`/organizations/${orgA.id}/users`, newUser(`early${tag()}@${domain}`))).status).toBe(400);

    publish(record);
    const verified = await adminA.post(`/organizations/${orgA.id}/domains/${domain}/verify`);
    expect([verified.status, verified.body]).toEqual([200, { domain, primary: false, status: 'verified' }]);
    expect(await domainsOf(adminA, orgA.id)).toContainEqual({ domain, primary: false, status: 'verified' });
    expect((await adminA.post(`/organizations/${orgA.id}/users`, newUser(`nora${tag()}@${domain}`))).status).toBe(201);

    // Now the domain is claimed: another organization's admin may ask for it, but cannot prove it with A's record.
    const asked = await adminB.post(`/organizations/${orgB.id}/domains`, { domain });
    expect([asked.status, asked.body.status]).toEqual([201, 'pending']);
    expect((await adminB.post(`/organizations/${orgB.id}/domains/${domain}/verify`)).status).toBe(409);
  });

  it("lets the reseller admin approve a pending domain; an org admin and another reseller's admin may not", async () => {
    const domain = `approved${tag()}.example`;
    expect((await adminA.post(`/organizations/${orgA.id}/domains`, { domain })).status).toBe(201);

    expect((await adminA.post(`/organizations/${orgA.id}/domains/${domain}/approve`)).status).toBe(403);
    expect((await otherResellerAdmin.post(`/organizations/${orgA.id}/domains/${domain}/approve`)).status).toBe(404);
    expect((await resellerAdmin.post(`/organizations/${orgA.id}/domains/nothere${tag()}.example/approve`)).status).toBe(404);
    expect((await domainsOf(adminA, orgA.id)).find((d) => d.domain === domain)?.status).toBe('pending');

    const approved = await resellerAdmin.post(`/organizations/${orgA.id}/domains/${domain}/approve`);
    expect([approved.status, approved.body]).toEqual([200, { domain, primary: false, status: 'verified' }]);
    expect((await adminA.post(`/organizations/${orgA.id}/users`, newUser(`nora${tag()}@${domain}`))).status).toBe(201);
  });

  it("does not reveal that another organization holds a domain: adding and verifying it answer as for a free one", async () => {
    const probe = async (domain: string): Promise<unknown[]> => {
      const added = await adminA.post(`/organizations/${orgA.id}/domains`, { domain });
      const verify = await adminA.post(`/organizations/${orgA.id}/domains/${domain}/verify`);
      return [added.status, added.body.status, verify.status, verify.body.code, verify.body.errors];
    };
    const held = await probe(orgB.domain);
    expect(held).toEqual(await probe(`free${tag()}.example`));
    expect(held.slice(0, 3)).toEqual([201, 'pending', 409]);
  });

  it('documents the new endpoints in the OpenAPI document', async () => {
    const document = (await (await fetch(`http://127.0.0.1:${platform.port}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/organizations/{orgId}/domains/{domain}/verify', '/api/v1/organizations/{orgId}/domains/{domain}/approve']),
    );
  });

  describe('usernames of other tenants', () => {
    let heldByOtherOrg: string;
    let heldByReseller: string;
    let ownUser: string;

    beforeAll(async () => {
      heldByOtherOrg = `bob${tag()}@${orgB.domain}`;
      expect((await resellerAdmin.post(`/organizations/${orgB.id}/users`, newUser(heldByOtherOrg))).status).toBe(201);
      // Another reseller's admin with a username in organization A's verified domain: held elsewhere, in A's domain.
      heldByReseller = `boss${tag()}@${orgA.domain}`;
      const t = tag();
      const reseller = await platformAdmin.post('/resellers', {
        name: `Reseller ${t}`, currency: 'EUR', notificationEmail: `n@r${t}.example`, supportEmail: `s@r${t}.example`,
        admin: { firstName: 'Boris', lastName: 'Boss', username: heldByReseller, email: heldByReseller, password: PASSWORD },
      });
      expect(reseller.status).toBe(201);
      ownUser = `own${tag()}@${orgA.domain}`;
      expect((await adminA.post(`/organizations/${orgA.id}/users`, newUser(ownUser))).status).toBe(201);
    });

    it('user create answers the same for a username held elsewhere as for one outside the domains; 409 only within the organization', async () => {
      const notOurDomain = answerOf(await adminA.post(`/organizations/${orgA.id}/users`, newUser(`nobody${tag()}@${orgB.domain}`)));
      expect(notOurDomain.status).toBe(400);
      expect(answerOf(await adminA.post(`/organizations/${orgA.id}/users`, newUser(heldByOtherOrg)))).toEqual(notOurDomain);
      expect(answerOf(await adminA.post(`/organizations/${orgA.id}/users`, newUser(heldByReseller)))).toEqual(notOurDomain);
      expect(answerOf(await adminA.post(`/organizations/${orgA.id}/users`, newUser(heldByReseller.toUpperCase())))).toEqual(notOurDomain);
      expect((await adminA.post(`/organizations/${orgA.id}/users`, newUser(ownUser.toUpperCase()))).status).toBe(409);
    });

    it('the CSV import reports the same for those rows; "already exists" only for a user of the organization', async () => {
      const csv = ['username,firstName,lastName,email', ...[`nobody${tag()}@${orgB.domain}`, heldByOtherOrg, heldByReseller, ownUser].map((u) => `${u},Nora,Probe,${u}`)].join('\r\n');
      const response = await adminA.request('POST', `/organizations/${orgA.id}/users/import`, undefined, { 'content-type': 'text/csv; charset=utf-8' }, csv);
      expect(response.status).toBe(200);
      const result = response.body as { created: unknown[]; failed: { row: number; errors: { field: string; message: string }[] }[] };
      expect(result.created).toEqual([]);
      const byRow = new Map(result.failed.map((f) => [f.row, f.errors]));
      expect(byRow.get(3)).toEqual(byRow.get(2));
      expect(byRow.get(4)).toEqual(byRow.get(2));
      expect(JSON.stringify(byRow.get(2))).not.toContain('already exists');
      expect(byRow.get(5)).toEqual([{ field: 'username', message: 'a user with this username already exists' }]);
    });
  });
});

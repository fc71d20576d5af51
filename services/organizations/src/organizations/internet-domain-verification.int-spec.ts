import { randomUUID } from 'node:crypto';
import type { ActorDto } from '@broker/contracts';
import { createLogger } from '@broker/platform';
import { PostgresEventStore } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { AddInternetDomainHandler, MAX_PENDING_DOMAINS } from './add-internet-domain/add-internet-domain.handler';
import { ApproveInternetDomainHandler } from './approve-internet-domain/approve-internet-domain.handler';
import { InternetDomainOwnershipResolver, type OwnershipAnswer } from './internet-domain-ownership/internet-domain-ownership-resolver';
import type { VerificationRecord } from './domain/internet-domain-verification';
import { OrganizationRepository } from './organization.repository';
import { RemoveInternetDomainHandler } from './remove-internet-domain/remove-internet-domain.handler';
import { InternetDomainAdoption } from './shared/internet-domain-adoption';
import { VerifyInternetDomainHandler } from './verify-internet-domain/verify-internet-domain.handler';

jest.setTimeout(60_000);

/** The DNS as the port sees it: the records a test publishes (the real adapter is exercised end to end). */
class PublishedRecords extends InternetDomainOwnershipResolver {
  readonly published = new Set<string>();

  publish(record: VerificationRecord): void {
    this.published.add(`${record.recordName} ${record.recordValue}`);
  }

  async check(record: VerificationRecord): Promise<OwnershipAnswer> {
    return { found: this.published.has(`${record.recordName} ${record.recordValue}`) };
  }
}

/**
 * Domain verification on real PostgreSQL: a pending domain claims nothing, expires after its time, starts over with
 * a new token when added again, and is claimed platform-wide only when proven or approved.
 */
describe('domain verification (PostgreSQL)', () => {
  const hour = 3_600_000;
  const config = { domainVerificationTtlMs: hour };
  let drop: () => Promise<void>;
  let events: PostgresEventStore;
  let organizations: OrganizationRepository;
  let add: AddInternetDomainHandler;
  let verify: VerifyInternetDomainHandler;
  let approve: ApproveInternetDomainHandler;
  let dns: PublishedRecords;

  const resellerId = randomUUID();
  const resellerAdmin: ActorDto = { userId: randomUUID(), role: 'reseller_admin', resellerId, organizationId: null };
  const orgAdminOf = (organizationId: string): ActorDto => ({ userId: randomUUID(), role: 'org_admin', resellerId, organizationId });

  const createOrganization = async (): Promise<string> => {
    const organizationId = randomUUID();
    const primaryDomain = `p${organizationId.slice(0, 8)}.example`;
    await organizations.claimInternetDomain(resellerAdmin, { id: organizationId, resellerId }, primaryDomain, new Date());
    await organizations.execute(resellerAdmin, { id: organizationId, resellerId }, {
      type: 'CreateOrganization',
      data: { organizationId, resellerId, name: 'Org', primaryDomain, notificationEmail: `it@${primaryDomain}` },
      actorId: resellerAdmin.userId,
      at: new Date(),
    });
    return organizationId;
  };

  beforeAll(async () => {
    const test = await createTestConnection('org_domains');
    drop = test.drop;
    events = new PostgresEventStore(test.connection);
    await events.init();
    organizations = new OrganizationRepository(events);
    const adoption = new InternetDomainAdoption(createLogger({ service: 'organizations', level: 'silent' }), organizations);
    dns = new PublishedRecords();
    add = new AddInternetDomainHandler(organizations, adoption, config);
    verify = new VerifyInternetDomainHandler(organizations, adoption, dns, config);
    approve = new ApproveInternetDomainHandler(organizations, adoption);
  });

  afterAll(async () => {
    await events?.close();
    await drop?.();
  });

  it('claims nothing while pending, and claims the domain once its record is found', async () => {
    const organizationId = await createOrganization();
    const admin = orgAdminOf(organizationId);
    const domain = `d${randomUUID().slice(0, 8)}.example`;
    const pending = await add.execute({ actor: admin, organizationId, domain });
    expect(pending.status).toBe('pending');
    expect(await organizations.claimHolder(domain)).toBeNull();

    await expect(verify.execute({ actor: admin, organizationId, domain })).rejects.toMatchObject({ code: 'DOMAIN.CONFLICT', details: { reason: 'not_verified' } });
    dns.publish(pending.verification!);
    expect(await verify.execute({ actor: admin, organizationId, domain })).toEqual({ domain, primary: false, status: 'verified' });
    expect(await organizations.claimHolder(domain)).toBe(organizationId);
    // Verified, asking again changes nothing.
    expect(await verify.execute({ actor: admin, organizationId, domain })).toEqual({ domain, primary: false, status: 'verified' });
  });

  it('expires a pending domain: it cannot be verified, adding it again gives a new token, and the reseller may still approve it', async () => {
    const organizationId = await createOrganization();
    const admin = orgAdminOf(organizationId);
    const domain = `e${randomUUID().slice(0, 8)}.example`;
    const requestedAt = new Date();
    const first = await add.execute({ actor: admin, organizationId, domain }, requestedAt);
    dns.publish(first.verification!);
    const late = new Date(requestedAt.getTime() + hour);
    await expect(verify.execute({ actor: admin, organizationId, domain }, late)).rejects.toMatchObject({ details: { reason: 'verification_expired' } });

    const again = await add.execute({ actor: admin, organizationId, domain }, late);
    expect(again.status).toBe('pending');
    expect(again.verification!.recordValue).not.toBe(first.verification!.recordValue);
    // The old record proves nothing any more.
    await expect(verify.execute({ actor: admin, organizationId, domain }, late)).rejects.toMatchObject({ details: { reason: 'not_verified' } });

    const expiredAgain = new Date(late.getTime() + hour);
    expect(await approve.execute({ actor: resellerAdmin, organizationId, domain }, expiredAgain)).toEqual({ domain, primary: false, status: 'verified' });
    expect(await organizations.claimHolder(domain)).toBe(organizationId);
  });

  it('answers 409 to a proven domain another organization holds, and keeps it pending', async () => {
    const holder = await createOrganization();
    const prover = await createOrganization();
    const domain = `h${randomUUID().slice(0, 8)}.example`;
    await add.execute({ actor: resellerAdmin, organizationId: holder, domain });
    const pending = await add.execute({ actor: orgAdminOf(prover), organizationId: prover, domain });
    dns.publish(pending.verification!);
    await expect(verify.execute({ actor: orgAdminOf(prover), organizationId: prover, domain })).rejects.toMatchObject({ code: 'DOMAIN.ALREADY_CLAIMED' });
    const state = await organizations.load(prover);
    expect(state).toMatchObject({ pendingDomains: [expect.objectContaining({ domain })] });
    expect(await organizations.claimHolder(domain)).toBe(holder);
  });

  it(`keeps at most ${MAX_PENDING_DOMAINS} domains waiting at once, and forgets a pending one removed`, async () => {
    const organizationId = await createOrganization();
    const admin = orgAdminOf(organizationId);
    const domains = Array.from({ length: MAX_PENDING_DOMAINS }, (_, i) => `m${i}-${randomUUID().slice(0, 8)}.example`);
    for (const domain of domains) await add.execute({ actor: admin, organizationId, domain });
    await expect(add.execute({ actor: admin, organizationId, domain: `over${randomUUID().slice(0, 8)}.example` })).rejects.toMatchObject({ details: { reason: 'too_many_pending' } });

    const remove = new RemoveInternetDomainHandler(organizations, undefined as never); // a pending domain needs no usage check
    await remove.execute({ actor: admin, organizationId, domain: domains[0]! });
    expect(await add.execute({ actor: admin, organizationId, domain: `next${randomUUID().slice(0, 8)}.example` })).toMatchObject({ status: 'pending' });
  });
});

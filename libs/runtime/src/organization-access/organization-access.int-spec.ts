import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { LookupOrganizationRequest, maySeeOrganization, organizationReaders, OrganizationLookupRpc, type ActorDto, type OrganizationLookup } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { PrefixedNatsServer, RpcCallError, RpcClient, RpcErrorFilter, RpcHandler } from '@broker/messaging';
import { createLogger, validationPipe } from '@broker/platform';
import { OrganizationAccessClient, OrganizationNotFoundError, type OrganizationRule } from './organization-access';

jest.setTimeout(30_000);

/**
 * The organization-access client on real NATS request-reply, against a stand-in of the organizations lookup that
 * keeps its contract's meaning (ORGANIZATION.NOT_FOUND for a missing organization and another tenant's alike) and
 * counts the lookups it answers.
 */
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const deployment = `oac${randomBytes(4).toString('hex')}`;
const resellerId = randomUUID();
const organizationId = randomUUID();
const asked: LookupOrganizationRequest[] = [];

@Controller()
class OrganizationsStandIn {
  @RpcHandler(OrganizationLookupRpc.lookup)
  lookup(@Payload() request: LookupOrganizationRequest): OrganizationLookup {
    asked.push(request);
    if (request.organizationId !== organizationId || !maySeeOrganization(request.actor, { organizationId, resellerId })) {
      throw new DomainError('ORGANIZATION.NOT_FOUND', `Organization ${request.organizationId} was not found`);
    }
    return {
      organizationId, resellerId, name: 'Contoso', primaryDomain: 'contoso.example', domains: ['contoso.example'], notificationEmail: 'it@contoso.example',
      ...(request.includeCurrency ? { currency: 'EUR' } : {}),
    };
  }
}

@Module({ controllers: [OrganizationsStandIn] })
class StandInModule {}

class ThingForbiddenError extends DomainError {
  constructor() {
    super('THING.FORBIDDEN', 'Your role may not change the thing');
  }
}

const WRITERS: OrganizationRule = { roles: ['reseller_admin', 'org_admin'], forbidden: () => new ThingForbiddenError() };
const READERS: OrganizationRule = { roles: organizationReaders('reseller_admin', 'org_admin', 'org_viewer'), forbidden: () => new ThingForbiddenError() };

const actor = (role: ActorDto['role'], reseller: string | null, organization: string | null): ActorDto => ({ userId: randomUUID(), role, resellerId: reseller, organizationId: organization });
const resellerAdmin = actor('reseller_admin', resellerId, null);
const otherResellerAdmin = actor('reseller_admin', randomUUID(), null);
const platformAdmin = actor('platform_admin', null, null);
const orgAdmin = actor('org_admin', resellerId, organizationId);
const orgViewer = actor('org_viewer', resellerId, organizationId);
const elsewhereAdmin = actor('org_admin', resellerId, randomUUID());

describe('OrganizationAccessClient (NATS, organizations lookup stand-in)', () => {
  let app: INestMicroservice;
  let rpc: RpcClient;
  let organizations: OrganizationAccessClient;

  beforeAll(async () => {
    app = await NestFactory.createMicroservice(StandInModule, { strategy: new PrefixedNatsServer({ deployment, service: 'organizations', servers: NATS_URL }), logger: false });
    app.useGlobalPipes(validationPipe());
    app.useGlobalFilters(new RpcErrorFilter(createLogger({ service: 'organizations', level: 'silent' })));
    await app.listen();
    rpc = new RpcClient({ deployment, servers: NATS_URL });
    organizations = new OrganizationAccessClient(rpc);
  });

  afterAll(async () => {
    await rpc?.close();
    await app?.close();
  });

  beforeEach(() => {
    asked.length = 0;
  });

  const notFound = (code = 'ORGANIZATION.NOT_FOUND') => expect.objectContaining({ code });

  it('answers the organization to a role of the rule in its tenant, with the currency when asked', async () => {
    const plain = await organizations.check(resellerAdmin, organizationId, WRITERS);
    expect(plain).toMatchObject({ organizationId, resellerId });
    expect(plain.currency).toBeUndefined();
    expect(asked[0]?.includeCurrency).toBeFalsy();
    await expect(organizations.check(orgAdmin, organizationId, WRITERS, { includeCurrency: true })).resolves.toMatchObject({ currency: 'EUR' });
    expect(asked[1]).toMatchObject({ includeCurrency: true });
  });

  it('answers 404 for another tenant before any role check, so a 403 never tells that the organization exists', async () => {
    const error = await organizations.check(otherResellerAdmin, organizationId, WRITERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcCallError);
    expect(error).toMatchObject({ code: 'ORGANIZATION.NOT_FOUND', status: 404 });
    // A reader role that may not write, asking of a missing organization: still 404, not 403.
    await expect(organizations.check(platformAdmin, randomUUID(), WRITERS)).rejects.toEqual(notFound());
    await expect(organizations.check(resellerAdmin, randomUUID(), READERS)).rejects.toEqual(notFound());
  });

  it("answers the rule's 403 to a role outside it in the right tenant", async () => {
    await expect(organizations.check(orgViewer, organizationId, WRITERS)).rejects.toBeInstanceOf(ThingForbiddenError);
    await expect(organizations.check(platformAdmin, organizationId, WRITERS)).rejects.toBeInstanceOf(ThingForbiddenError);
    await expect(organizations.check(platformAdmin, organizationId, READERS)).resolves.toMatchObject({ organizationId });
  });

  it("decides an organization role's tenant from its claims, without asking", async () => {
    await expect(organizations.check(elsewhereAdmin, organizationId, WRITERS)).rejects.toBeInstanceOf(OrganizationNotFoundError);
    await expect(organizations.authorize(elsewhereAdmin, organizationId, READERS)).rejects.toEqual(notFound());
    await expect(organizations.authorize(orgViewer, organizationId, READERS)).resolves.toEqual({ organizationId, resellerId });
    await expect(organizations.authorize(orgViewer, organizationId, WRITERS)).rejects.toBeInstanceOf(ThingForbiddenError);
    expect(asked).toHaveLength(0);
    // The others learn it from the lookup (a client of its own, which remembers nothing yet), once.
    const fresh = new OrganizationAccessClient(rpc);
    await expect(fresh.authorize(otherResellerAdmin, organizationId, READERS)).rejects.toEqual(notFound());
    await expect(fresh.authorize(resellerAdmin, organizationId, WRITERS)).resolves.toEqual({ organizationId, resellerId });
    await expect(fresh.authorize(otherResellerAdmin, organizationId, READERS)).rejects.toEqual(notFound());
    expect(asked).toHaveLength(2);
  });

  it("remembers what never changes (reseller, currency) and decides later requests with it, as the lookup would", async () => {
    // A client of its own: nothing remembered from the tests above.
    const fresh = new OrganizationAccessClient(rpc);
    await expect(fresh.authorizeWithCurrency(orgViewer, organizationId, READERS)).resolves.toEqual({ organizationId, resellerId, currency: 'EUR' });
    expect(asked).toHaveLength(1);
    await expect(fresh.authorizeWithCurrency(resellerAdmin, organizationId, WRITERS)).resolves.toEqual({ organizationId, resellerId, currency: 'EUR' });
    await expect(fresh.authorize(platformAdmin, organizationId, READERS)).resolves.toEqual({ organizationId, resellerId });
    // Another tenant, or a role outside the rule: the same answers as before, still without asking.
    await expect(fresh.authorizeWithCurrency(otherResellerAdmin, organizationId, READERS)).rejects.toEqual(notFound());
    await expect(fresh.authorize(otherResellerAdmin, organizationId, READERS)).rejects.toEqual(notFound());
    await expect(fresh.authorizeWithCurrency(orgViewer, organizationId, WRITERS)).rejects.toBeInstanceOf(ThingForbiddenError);
    expect(asked).toHaveLength(1);
    // What can change is always asked.
    await fresh.check(resellerAdmin, organizationId, READERS);
    expect(asked).toHaveLength(2);
    // A refused first lookup leaves nothing behind to decide with.
    const stranger = new OrganizationAccessClient(rpc);
    await expect(stranger.authorizeWithCurrency(otherResellerAdmin, organizationId, READERS)).rejects.toEqual(notFound());
    await expect(stranger.authorizeWithCurrency(resellerAdmin, organizationId, READERS)).resolves.toMatchObject({ currency: 'EUR' });
    expect(asked).toHaveLength(4);
  });
});

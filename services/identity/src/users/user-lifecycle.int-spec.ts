import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { ActorDto } from '@broker/contracts';
import { handleCommand } from '@broker/event-sourcing';
import { PostgresDocumentStore, PostgresEventStore } from '@broker/postgres';
import { createTestDeployment, type TestDeployment } from '@broker/messaging/testing';
import { createTestConnection } from '@broker/postgres/testing';
import { AccessRevocations } from '../access-revocations/access-revocations';
import type { IdentityConfig } from '../identity.config';
import { CredentialStore } from '../passwords/credential-store';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordRules } from '../passwords/password-rules';
import { UserAccess } from './access/user-access';
import { DeleteOrganizationUserHandler } from './delete-organization-user/delete-organization-user.handler';
import { InternetDomainMembership } from './internet-domain-membership/internet-domain-membership';
import { UsersInInternetDomainController } from './users-in-internet-domain/users-in-internet-domain.controller';
import type { OrganizationAccessClient } from '@broker/runtime';
import { userDecider } from './domain/user.decider';
import { userStreamId } from './domain/user.events';
import { usernameClaimStreamId } from './domain/username-claim.decider';
import { AbandonedRegistrations } from './register-user/abandoned-registrations';
import { RegisterUserHandler, type Registration } from './register-user/register-user.handler';
import { UserCommands } from './user-commands';
import { UserRepository } from './user.repository';

jest.setTimeout(60_000);

/**
 * The write side of users on real PostgreSQL: hashes in the credential store, platform-wide username claims under
 * concurrency, and a deleted user's username and domain place freed for later users.
 */
describe('user lifecycle (PostgreSQL)', () => {
  let drop: () => Promise<void>;
  let events: PostgresEventStore;
  let documents: PostgresDocumentStore;
  let register: RegisterUserHandler;
  let remove: DeleteOrganizationUserHandler;
  let users: UserRepository;
  let credentials: CredentialStore;
  let domains: InternetDomainMembership;
  let abandoned: AbandonedRegistrations;
  let bus: TestDeployment;
  let commands: UserCommands;
  const deadlineMs = 60_000;

  const resellerId = randomUUID();
  const organizationId = randomUUID();
  const admin: ActorDto = { userId: randomUUID(), role: 'reseller_admin', resellerId, organizationId: null };
  const metadata = { actorId: admin.userId, resellerId, organizationId };
  const rules = { allowedDomains: ['contoso.com'], allowedRoles: ['org_admin', 'org_user'] as const };
  const user = (username: string, userId = randomUUID()): Registration => ({
    userId, username, firstName: 'Anna', lastName: 'Berg', email: username, role: 'org_user', resellerId, organizationId, password: 'Xq9!wertzu-Reykjavik',
  });

  beforeAll(async () => {
    const test = await createTestConnection('identity_users');
    drop = test.drop;
    events = new PostgresEventStore(test.connection);
    await events.init();
    documents = new PostgresDocumentStore(test.connection);
    await documents.init();
    credentials = new CredentialStore(documents);
    await credentials.ensure();
    users = new UserRepository(events, { USERNAME_CLAIM_DEADLINE_MS: deadlineMs });
    domains = new InternetDomainMembership(events);
    const passwords = new PasswordRules({ PASSWORD_POLICY: 'seed' } as IdentityConfig);
    abandoned = new AbandonedRegistrations(events, users, domains, credentials);
    register = new RegisterUserHandler(events, users, credentials, new PasswordHasher(), passwords, domains, abandoned, pino({ level: 'silent' }));
    bus = await createTestDeployment();
    commands = new UserCommands(events, new AccessRevocations(bus, { ACCESS_TOKEN_TTL_SECONDS: 900 }, events, pino({ level: 'silent' })));
    remove = new DeleteOrganizationUserHandler(new UserAccess(users), users, commands, domains, credentials);
  });

  afterAll(async () => {
    await bus?.jsm.streams.delete(`KV_${bus.names.accessRevocationBucket}`).catch(() => undefined);
    await bus?.cleanup();
    await events?.close();
    await drop?.();
  });

  it('stores an Argon2id hash in the credential store and no secret in any event', async () => {
    const anna = user(`anna.${randomUUID().slice(0, 8)}@contoso.com`);
    await register.register(anna, admin.userId, metadata, new Date(), rules);
    const hash = await credentials.passwordHashOf(anna.userId);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const all = await events.readAll({ maxCount: 1000 });
    const text = JSON.stringify(all.events.map((e) => e.data));
    expect(text).not.toContain(anna.password);
    expect(text).not.toContain('$argon2');
  });

  it("records a user's cost centre label, trimmed, and changes it with the other details", async () => {
    const anna = { ...user(`cc.${randomUUID().slice(0, 8)}@contoso.com`), costCentre: '  Research ' };
    expect(await register.register(anna, admin.userId, metadata, new Date(), rules)).toMatchObject({ id: anna.userId, costCentre: 'Research' });
    const recorded = await events.readStream(userStreamId(anna.userId));
    expect(recorded.map((e) => [e.type, (e.data as { costCentre?: unknown }).costCentre])).toEqual([['UserRegistered', 'Research']]);
    expect(await users.load(anna.userId)).toMatchObject({ costCentre: 'Research' });
    await commands.execute(admin, anna, { type: 'ChangeUserDetails', data: { userId: anna.userId, costCentre: null }, actorId: admin.userId, at: new Date() });
    expect(await users.load(anna.userId)).toMatchObject({ costCentre: null, firstName: 'Anna' });
  });

  it('lets exactly one of two concurrent registrations of a username (in any case) win', async () => {
    const name = `race.${randomUUID().slice(0, 8)}@contoso.com`;
    const outcomes = await Promise.allSettled([register.register(user(name), admin.userId, metadata, new Date(), rules), register.register(user(name.toUpperCase()), admin.userId, metadata, new Date(), rules)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failure = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failure.reason).toMatchObject({ code: 'USER.DUPLICATE_USERNAME' });
  });

  it('frees a deleted user\'s username for a new user, and takes it out of the domain count', async () => {
    const name = `reuse.${randomUUID().slice(0, 8)}@contoso.com`;
    const before = await domains.count(organizationId, 'contoso.com');
    const first = user(name);
    await register.register(first, admin.userId, metadata, new Date(), rules);
    expect(await domains.count(organizationId, 'Contoso.com')).toBe(before + 1);
    await expect(register.register(user(name), admin.userId, metadata, new Date(), rules)).rejects.toMatchObject({ code: 'USER.DUPLICATE_USERNAME' });

    await remove.execute({ actor: admin, organizationId, userId: first.userId });
    expect((await users.load(first.userId)).status).toBe('deleted');
    expect(await credentials.passwordHashOf(first.userId)).toBeNull();
    expect(await domains.count(organizationId, 'contoso.com')).toBe(before);
    // A repeated delete answers not found and changes nothing.
    await expect(remove.execute({ actor: admin, organizationId, userId: first.userId })).rejects.toMatchObject({ code: 'USER.NOT_FOUND' });

    const second = user(name);
    await register.register(second, admin.userId, metadata, new Date(), rules);
    expect(await users.userIdOf(name)).toBe(second.userId);
    const claims = await events.readStream(usernameClaimStreamId(name));
    expect(claims.map((e) => [e.type, e.revision])).toEqual([['UsernameClaimed', 0n], ['UsernameReleased', 1n], ['UsernameClaimed', 2n]]);
  });

  it('takes over a name whose deleted holder never released it (a delete that stopped half-way)', async () => {
    const name = `halfway.${randomUUID().slice(0, 8)}@contoso.com`;
    const first = user(name);
    await register.register(first, admin.userId, metadata, new Date(), rules);
    await commands.execute(admin, first, { type: 'DeleteUser', data: { userId: first.userId }, actorId: admin.userId, at: new Date() });
    const second = user(name);
    await register.register(second, admin.userId, metadata, new Date(), rules);
    expect(await users.userIdOf(name)).toBe(second.userId);
  });

  it('refuses a username outside the allowed domains together with every broken password rule', async () => {
    const bad = { ...user('anna@fabrikam.com'), password: 'anna' };
    const error = await register.register(bad, admin.userId, metadata, new Date(), rules).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION' });
    const fields = (error as { errors: { field: string }[] }).errors.map((e) => e.field);
    expect(fields.filter((f) => f === 'username')).toHaveLength(1);
    expect(fields.filter((f) => f === 'password').length).toBeGreaterThanOrEqual(5);
    expect(await users.userIdOf('anna@fabrikam.com')).toBeNull();
  });

  describe('a claim whose user is never recorded', () => {
    /** What a registration leaves behind when its process dies between the claim and the user's record. */
    const dieAfterClaim = async (registration: Registration, at: Date): Promise<void> => {
      await users.claimUsername(registration.username.toLowerCase(), registration.userId, metadata, at, organizationId);
      await credentials.set(registration.userId, 'hash-of-a-registration-that-died', at);
      await domains.add(organizationId, registration.username, registration.userId, metadata);
    };

    it('is given back by the same request when the store refuses the user record, and the name is usable again', async () => {
      const name = `refused.${randomUUID().slice(0, 8)}@contoso.com`;
      const before = await domains.count(organizationId, 'contoso.com');
      // PostgreSQL refuses a NUL character in jsonb: the claim, the hash and the membership are written, the user is not.
      const refused = { ...user(name), firstName: 'An\u0000na' };
      await expect(register.register(refused, admin.userId, metadata, new Date(), rules)).rejects.toBeDefined();
      expect(await users.userIdOf(name)).toBeNull();
      expect(await credentials.passwordHashOf(refused.userId)).toBeNull();
      expect(await domains.count(organizationId, 'contoso.com')).toBe(before);
      expect((await users.load(refused.userId)).status).toBe('abandoned');

      const retry = user(name);
      await register.register(retry, admin.userId, metadata, new Date(), rules);
      expect(await users.userIdOf(name)).toBe(retry.userId);
      expect(await domains.count(organizationId, 'contoso.com')).toBe(before + 1);
    });

    it('is taken over after a crash once past its deadline, and the dead registration can never record its user', async () => {
      const name = `crashed.${randomUUID().slice(0, 8)}@contoso.com`;
      const claimedAt = new Date(Date.now() - 5_000);
      const dead = user(name);
      await dieAfterClaim(dead, claimedAt);

      // Within the deadline the registration may still be running: the name is taken.
      await expect(register.register(user(name), admin.userId, metadata, new Date(claimedAt.getTime() + 1_000), rules)).rejects.toMatchObject({ code: 'USER.DUPLICATE_USERNAME' });

      const next = user(name);
      await register.register(next, admin.userId, metadata, new Date(claimedAt.getTime() + deadlineMs + 1), rules);
      expect(await users.userIdOf(name)).toBe(next.userId);
      expect((await users.load(dead.userId)).status).toBe('abandoned');
      expect(await credentials.passwordHashOf(dead.userId)).toBeNull();
      expect([...(await domains.members(organizationId, 'contoso.com')).keys()]).not.toContain(dead.userId);

      // Had it only been slow, its record now fails instead of making a second holder of the name.
      const late = handleCommand(events, userStreamId(dead.userId), userDecider, { type: 'RegisterUser', data: { ...dead, username: name }, actorId: admin.userId, at: new Date() }, { metadata });
      await expect(late).rejects.toMatchObject({ code: 'USER.CONFLICT' });
    });

    it('lets two replicas race to give up the same dead claim: exactly one new user holds the name', async () => {
      const name = `race-dead.${randomUUID().slice(0, 8)}@contoso.com`;
      await dieAfterClaim(user(name), new Date(Date.now() - deadlineMs - 1_000));
      const outcomes = await Promise.allSettled([register.register(user(name), admin.userId, metadata, new Date(), rules), register.register(user(name), admin.userId, metadata, new Date(), rules)]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const winner = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ id: string }>).value.id;
      expect(await users.userIdOf(name)).toBe(winner);
    });

    it('does not keep its domain in use: past the deadline the domain usage gives it up', async () => {
      const domainOrg = randomUUID();
      const name = `usage.${randomUUID().slice(0, 8)}@tailspin.example`;
      const dead = { ...user(name), organizationId: domainOrg };
      await users.claimUsername(name, dead.userId, metadata, new Date(Date.now() - deadlineMs - 1_000), domainOrg);
      await domains.add(domainOrg, name, dead.userId, metadata);
      const inProgress = { ...user(`busy.${randomUUID().slice(0, 8)}@tailspin.example`), organizationId: domainOrg };
      await users.claimUsername(inProgress.username, inProgress.userId, metadata, new Date(), domainOrg);
      await domains.add(domainOrg, inProgress.username, inProgress.userId, metadata);

      const gate = { authorize: async () => undefined } as unknown as OrganizationAccessClient;
      const usage = new UsersInInternetDomainController(gate, domains, users, abandoned);
      expect(await usage.count({ actor: admin, organizationId: domainOrg, domain: 'tailspin.example' })).toEqual({ count: 1 });
      expect(await users.userIdOf(name)).toBeNull();
    });
  });
});

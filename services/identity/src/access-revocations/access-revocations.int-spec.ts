import { randomUUID } from 'node:crypto';
import { type KV } from 'nats';
import pino from 'pino';
import { accessRevocationKey, accessRevocationValue, parseAccessRevocation } from '@broker/contracts';
import { createTestDeployment, type TestDeployment } from '@broker/messaging/testing';
import { PostgresEventStore } from '@broker/postgres';
import { createTestConnection } from '@broker/postgres/testing';
import { userStreamId } from '../users/domain/user.events';
import { UserCommands } from '../users/user-commands';
import { AccessRevocations } from './access-revocations';

jest.setTimeout(30_000);

/** What identity writes to the access-revocation bucket (ADR 0035), against real PostgreSQL and NATS. */
describe('AccessRevocations (PostgreSQL, NATS)', () => {
  let drop: () => Promise<void>;
  let events: PostgresEventStore;
  let bus: TestDeployment;
  let revocations: AccessRevocations;
  let commands: UserCommands;
  let kv: KV;

  const admin = { userId: randomUUID() };
  const at = new Date('2026-12-07T12:00:00Z');

  beforeAll(async () => {
    const test = await createTestConnection('identity_revocations');
    drop = test.drop;
    events = new PostgresEventStore(test.connection);
    await events.init();
    bus = await createTestDeployment();
    revocations = new AccessRevocations(bus, { ACCESS_TOKEN_TTL_SECONDS: 900 }, events, pino({ level: 'silent' }));
    await revocations.onApplicationBootstrap();
    commands = new UserCommands(events, revocations);
    kv = await bus.nats.jetstream().views.kv(bus.names.accessRevocationBucket, { bindOnly: true });
  });

  afterAll(async () => {
    await bus?.jsm.streams.delete(`KV_${bus.names.accessRevocationBucket}`).catch(() => undefined);
    await bus?.cleanup();
    await events?.close();
    await drop?.();
  });

  async function registered(): Promise<{ userId: string; resellerId: string; organizationId: string }> {
    const user = { userId: randomUUID(), resellerId: randomUUID(), organizationId: randomUUID() };
    await commands.execute(admin, user, {
      type: 'RegisterUser',
      data: { ...user, username: `${user.userId}@contoso.com`, firstName: 'Anna', lastName: 'Berg', email: `${user.userId}@contoso.com`, role: 'org_user' },
      actorId: admin.userId,
      at,
    });
    return user;
  }

  async function entryOf(userId: string): Promise<number | null> {
    const key = accessRevocationKey({ kind: 'user', userId, sessionsEndedAt: 0 });
    const entry = await kv.get(key);
    const revocation = entry && entry.operation === 'PUT' ? parseAccessRevocation(key, entry.string()) : null;
    return revocation?.kind === 'user' ? revocation.sessionsEndedAt : null;
  }

  it("records the revision of a user's session-ending event before the command returns, and nothing for events that end none", async () => {
    const user = await registered();
    expect(await entryOf(user.userId)).toBeNull();
    await commands.execute(admin, user, { type: 'ChangeUserDetails', data: { userId: user.userId, firstName: 'Anne' }, actorId: admin.userId, at });
    expect(await entryOf(user.userId)).toBeNull();

    await commands.execute(admin, user, { type: 'DisableUser', data: { userId: user.userId }, actorId: admin.userId, at });
    expect(await entryOf(user.userId)).toBe(2);
    await commands.execute(admin, user, { type: 'EnableUser', data: { userId: user.userId }, actorId: admin.userId, at });
    expect(await entryOf(user.userId)).toBe(2);
    await commands.execute(admin, user, { type: 'ChangeUserDetails', data: { userId: user.userId, role: 'org_admin' }, actorId: admin.userId, at });
    expect(await entryOf(user.userId)).toBe(4);
    await commands.execute(admin, user, { type: 'ChangePassword', data: { userId: user.userId }, actorId: admin.userId, at });
    expect((await events.readStream(userStreamId(user.userId))).map((e) => e.type).at(-1)).toBe('UserPasswordChanged');
    expect(await entryOf(user.userId)).toBe(5);
  });

  it('never moves an entry back to an older revision', async () => {
    const user = await registered();
    await commands.execute(admin, user, { type: 'EndSessions', data: { userId: user.userId }, actorId: admin.userId, at });
    expect(await entryOf(user.userId)).toBe(1);
    // A writer that read the stream later already recorded a newer end.
    await kv.put(accessRevocationKey({ kind: 'user', userId: user.userId, sessionsEndedAt: 7 }), accessRevocationValue({ kind: 'user', userId: user.userId, sessionsEndedAt: 7 }));
    await revocations.userChanged(user.userId);
    expect(await entryOf(user.userId)).toBe(7);
  });

  it('marks an ended session', async () => {
    const sessionId = randomUUID();
    await revocations.sessionEnded(sessionId);
    const key = accessRevocationKey({ kind: 'session', sessionId });
    const entry = await kv.get(key);
    expect(parseAccessRevocation(key, entry!.string())).toEqual({ kind: 'session', sessionId });
  });

  it('keeps entries only as long as an access token issued before them can live, plus a minute', async () => {
    expect((await kv.status()).ttl).toBe(960_000);
  });
});

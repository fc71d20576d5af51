import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKING_SERVICES, type ServiceName } from '@broker/contracts';
import { natsAuthorizationConfig, natsInboxPrefix, natsPasswordVariable, natsPermissions, natsUserName } from './nats-permissions';

const ALL: ServiceName[] = ['gateway', ...BACKING_SERVICES];

describe('natsPermissions', () => {
  it('lets a backing service subscribe to its own RPC subjects and replies only', () => {
    expect(natsPermissions('acme', 'catalog').subscribe.allow).toEqual(['acme.rpc.catalog.>', '_INBOX_acme_catalog.>']);
  });

  it('lets a backing service publish the patterns it calls, its own events and its JetStream API, and answer requests', () => {
    const permissions = natsPermissions('acme', 'approvals');
    expect(permissions.publish.allow).toEqual(
      expect.arrayContaining(['acme.rpc.catalog.quote', 'acme.rpc.organizations.organization.lookup', 'acme.events.approvals.>', '$JS.API.STREAM.INFO.acme_events', '$JS.ACK.acme_events.>']),
    );
    expect(permissions.allow_responses).toBe(true);
  });

  it('never lets a backing service publish to RPC subjects it does not call, nor to all of them', () => {
    for (const service of BACKING_SERVICES) {
      const allow = natsPermissions('acme', service).publish.allow;
      expect(allow).not.toContain('acme.rpc.>');
      expect(allow).not.toContain(`acme.rpc.${service}.>`);
      expect(allow.filter((subject) => subject.startsWith('acme.rpc.')).every((subject) => !subject.includes('>') && !subject.includes('*'))).toBe(true);
      expect(allow).not.toContain('acme.rpc.identity.auth.verify-token');
      expect(allow).not.toContain('acme.rpc.identity.auth.login');
    }
  });

  it('lets identity alone write access revocations, and the gateway watch them without writing', () => {
    expect(natsPermissions('acme', 'identity').publish.allow).toEqual(expect.arrayContaining(['$KV.acme_access_revocations.>', '$JS.API.STREAM.CREATE.KV_acme_access_revocations']));
    for (const service of BACKING_SERVICES.filter((name) => name !== 'identity')) {
      expect(natsPermissions('acme', service).publish.allow.some((subject) => subject.includes('access_revocations'))).toBe(false);
    }
    const gateway = natsPermissions('acme', 'gateway').publish.allow;
    expect(gateway).toEqual(expect.arrayContaining(['$JS.API.CONSUMER.CREATE.KV_acme_access_revocations.>', '$JS.API.STREAM.INFO.KV_acme_access_revocations']));
    expect(gateway.some((subject) => subject.startsWith('$KV.acme_access_revocations') || subject.includes('STREAM.CREATE.KV_acme_access_revocations'))).toBe(false);
  });

  it('lets a service publish only its own integration events', () => {
    expect(natsPermissions('acme', 'billing').publish.allow.filter((subject) => subject.startsWith('acme.events.'))).toEqual(['acme.events.billing.>']);
  });

  it('lets the gateway request every service, use its idempotency bucket and share rate-limit counts, but subscribe to nothing else', () => {
    const permissions = natsPermissions('acme', 'gateway');
    expect(permissions.publish.allow).toEqual(expect.arrayContaining(['acme.rpc.>', '$KV.acme_idempotency.>', '$JS.API.STREAM.INFO.KV_acme_idempotency']));
    expect(permissions.publish.allow.some((subject) => subject.includes('acme_events') || subject.startsWith('acme.events'))).toBe(false);
    expect(permissions.publish.allow).toContain('acme.gateway.rate-limits');
    expect(permissions.subscribe.allow).toEqual(['_INBOX_acme_gateway.>', 'acme.gateway.rate-limits']);
    expect(permissions.allow_responses).toBeUndefined();
  });

  it('gives every service replies of its own: no user may subscribe to all inboxes', () => {
    for (const service of ALL) {
      const allow = natsPermissions('acme', service).subscribe.allow;
      expect(allow).toContain(`${natsInboxPrefix('acme', service)}.>`);
      expect(allow.some((subject) => subject.startsWith('_INBOX.') || subject === '>')).toBe(false);
    }
  });

  it('keeps deployments apart: nothing of one deployment names another', () => {
    for (const service of ALL) {
      const { publish, subscribe } = natsPermissions('acme', service);
      for (const subject of [...publish.allow, ...subscribe.allow]) expect(subject).not.toMatch(/(^|\.)broker[._]/);
    }
  });
});

describe('natsAuthorizationConfig', () => {
  const passwords = Object.fromEntries(ALL.map((service) => [service, `pw-${service}`])) as Record<ServiceName, string>;

  it('names one user per service with its password and permissions', () => {
    const config = natsAuthorizationConfig('acme', passwords);
    for (const service of ALL) {
      expect(config).toContain(`user: "${natsUserName('acme', service)}"`);
      expect(config).toContain(`password: "pw-${service}"`);
    }
    expect(config).toMatch(/^authorization \{\n {2}users = \[/);
    expect(config).toContain('subscribe: { allow: ["acme.rpc.identity.>", "_INBOX_acme_identity.>"] }');
  });

  it('reads passwords from the environment when asked to', () => {
    const config = natsAuthorizationConfig('acme', Object.fromEntries(ALL.map((service) => [service, { env: natsPasswordVariable(service) }])) as Record<ServiceName, { env: string }>);
    expect(config).toContain('password: $NATS_PASSWORD_GATEWAY');
    expect(config).toContain('password: $NATS_PASSWORD_NOTIFICATIONS');
  });

  it('refuses a password that would break the file', () => {
    expect(() => natsAuthorizationConfig('acme', { ...passwords, catalog: 'line\nbreak' })).toThrow(/printable ASCII/);
  });

  it('is what deploy/nats-authorization.conf holds (regenerate it with npm run nats:authorization)', () => {
    const file = readFileSync(join(__dirname, '../../../../deploy/nats-authorization.conf'), 'utf8');
    const variables = Object.fromEntries(ALL.map((service) => [service, { env: natsPasswordVariable(service) }])) as Record<ServiceName, { env: string }>;
    expect(file).toContain(natsAuthorizationConfig('broker', variables));
  });
});

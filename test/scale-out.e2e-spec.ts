import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ServiceName } from '@broker/contracts';
import { CommandLedger, describeCommand } from './support/command-ledger';
import { retryContractProblems, summarizeProblems, verifyOnceQuiet, verifyWorld } from './support/fault-checks';
import { LoadGenerator, type LoadOptions } from './support/fault-load';
import { FAULT_PLATFORM_ENV } from './support/fault-platform';
import { buildWorld, type World } from './support/fault-world';
import { ApiClient } from './support/http-client';
import { PlatformProcess } from './support/platform-process';
import { CAREFUL_CLIENT, sleep } from './support/retrying-client';
import { SmtpReceiver } from './support/smtp-receiver';

jest.setTimeout(240_000);

/**
 * Two replicas each of approvals, catalog, billing and notifications, under a small load through the public API. One
 * replica of each of the four is SIGKILLed mid-load (the one leading the most), then started again. The clients
 * see nothing that one retry does not hide; the survivors take over every lease the killed ones held within
 * seconds, as GET /health names them; and once quiet, every acknowledged command holds exactly once in the catalog,
 * in billing and in the e-mails, each e-mail sent once.
 */

const RESULTS = join(resolve(__dirname, '..'), '.local', 'test-results');
const SCALED = ['approvals', 'catalog', 'billing', 'notifications'] as const satisfies readonly ServiceName[];
type Scaled = (typeof SCALED)[number];

/**
 * A few dozen orders, changes, cancellations and decisions over the whole run. A client waits out the gateway's own
 * timeout (RPC_TIMEOUT_MS, 10 s): a request lost with a killed replica comes back as its 503, and one retry serves it.
 */
const LOAD: LoadOptions = { ratePerSecond: 8, maxCommands: 200, workersPerOrganization: 2, approvers: 1, policy: { ...CAREFUL_CLIENT, attemptTimeoutMs: 12_000 } };
const LEAD_MS = 4_000;
const TAIL_MS = 4_000;
const DRAIN_MS = 20_000;
/** Every lease a killed replica held is led by the survivor within this of the kill. */
const TAKEOVER_BOUND_MS = 10_000;
/** Consumers get a message again this long after a killed replica took it (their ack wait). */
const REDELIVERY_MS = 35_000;

interface ReplicaView {
  instance: string;
  status: string;
  leads: { projections: string[]; outbox: boolean; leases: string[] };
}
interface ServiceView {
  status: string;
  parkedMessages?: number;
  replicas: ReplicaView[];
  leaders: Record<string, string>;
}

describe('scale-out: two replicas of the order path, one of each killed under load (end to end)', () => {
  const smtp = new SmtpReceiver();
  let platform: PlatformProcess;
  let platformAdmin: ApiClient;

  const services = async (): Promise<Record<string, ServiceView> | null> => {
    const answer = await fetch(`${platform.baseUrl}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    const body = (await answer?.json().catch(() => null)) as { services?: Record<string, ServiceView> } | null;
    return body?.services ?? null;
  };

  /** The instance a process of the service answers health as, from its own log line (the latest start). */
  const instanceOf = (service: Scaled, replica: number): string | null => {
    const line = platform.logs(service, replica).findLast((l) => l.includes('Replica answers health for itself'));
    return line ? (JSON.parse(line) as { instance: string }).instance : null;
  };

  /** Polls /health until `done` holds for what it shows, or the bound passes (then the last view, not done). */
  const watchHealth = async (boundMs: number, done: (view: Record<string, ServiceView>) => boolean): Promise<{ view: Record<string, ServiceView> | null; ok: boolean }> => {
    const deadline = Date.now() + boundMs;
    let view: Record<string, ServiceView> | null = null;
    for (;;) {
      view = (await services()) ?? view;
      if (view && done(view)) return { view, ok: true };
      if (Date.now() >= deadline) return { view, ok: false };
      await sleep(200);
    }
  };

  /** Both processes of each scaled service answer for themselves, as the processes their logs name. */
  const bothReplicasAnswer = (view: Record<string, ServiceView>): boolean =>
    SCALED.every((service) => {
      const expected = [0, 1].map((r) => instanceOf(service, r));
      const shown = new Set(view[service]?.replicas.filter((r) => r.status === 'up').map((r) => r.instance));
      return expected.every((instance) => instance !== null && shown.has(instance));
    });

  beforeAll(async () => {
    await smtp.start();
    platform = new PlatformProcess({
      smtp: { url: smtp.url },
      replicas: { approvals: 2, catalog: 2, billing: 2, notifications: 2 },
      env: { ...FAULT_PLATFORM_ENV },
    });
    await platform.start();
    platformAdmin = await new ApiClient(platform.baseUrl).login(platform.adminUsername, platform.adminPassword);
  });

  afterAll(async () => {
    await platform?.stop().catch((error: Error) => console.warn(`stopping the platform: ${error.message}`));
    await smtp.stop();
  });

  let world: World | undefined;
  let ledger: CommandLedger | undefined;
  let killedAt = 0;
  let parkedBefore: Record<string, number> = {};
  let mailsBefore = 0;

  it('moves every lease of a killed replica to the survivor within 10 s, as /health names them, and takes the restarted one back', async () => {
    // Every scaled service leads something before the load starts: a lease nobody holds could not be seen to move.
    const settled = await watchHealth(30_000, (view) => bothReplicasAnswer(view) && SCALED.every((s) => Object.keys(view[s]!.leaders).length > 0) && !!view.notifications!.leaders['notifications:sender']);
    expect(settled).toMatchObject({ ok: true });
    const before = settled.view!;
    parkedBefore = Object.fromEntries(Object.entries(before).map(([service, health]) => [service, health.parkedMessages ?? 0]));

    world = await buildWorld(platform.baseUrl, platformAdmin, 'scale-out', 2);
    mailsBefore = smtp.messages.length;
    ledger = new CommandLedger();
    const load = new LoadGenerator(world, ledger, LOAD);
    load.start();
    const takeover: Record<string, number | null> = {};
    const killed: Record<string, { replica: number; instance: string; survivor: string; leases: string[] }> = {};
    try {
      await sleep(LEAD_MS);
      const view = (await services()) ?? before;
      for (const service of SCALED) {
        // The replica leading the most is killed; its leases must move to the other.
        const instances = [0, 1].map((r) => instanceOf(service, r)!);
        const held = instances.map((instance) => Object.values(view[service]!.leaders).filter((leader) => leader === instance).length);
        const replica = held[1]! > held[0]! ? 1 : 0;
        killed[service] = { replica, instance: instances[replica]!, survivor: instances[1 - replica]!, leases: Object.keys(view[service]!.leaders) };
      }
      killedAt = Date.now();
      await Promise.all(SCALED.map((service) => platform.kill(service, killed[service]!.replica)));
      const moved = await watchHealth(TAKEOVER_BOUND_MS + 5_000, (now) => {
        for (const service of SCALED) {
          const { survivor, leases } = killed[service]!;
          if (takeover[service] == null && leases.every((lease) => now[service]?.leaders[lease] === survivor)) takeover[service] = Date.now() - killedAt;
        }
        return SCALED.every((service) => takeover[service] != null);
      });
      for (const service of SCALED) {
        takeover[service] ??= null;
        const { survivor, instance } = killed[service]!;
        const shown = moved.view?.[service];
        // The killed process answers no more; the survivor leads everything its service has a lease for.
        expect({ service, killedShown: shown?.replicas.some((r) => r.instance === instance) }).toEqual({ service, killedShown: false });
        expect({ service, leaders: shown?.leaders }).toEqual({ service, leaders: Object.fromEntries(killed[service]!.leases.map((lease) => [lease, survivor])) });
      }
      console.log(`Leases of the killed replicas led by the survivors after: ${SCALED.map((s) => `${s} ${takeover[s] === null ? 'never' : `${(takeover[s]! / 1000).toFixed(1)} s`} (${killed[s]!.leases.join(', ')})`).join('; ')}`);
      for (const service of SCALED) expect({ service, withinBound: takeover[service] !== null && takeover[service]! <= TAKEOVER_BOUND_MS }).toEqual({ service, withinBound: true });

      for (const service of SCALED) platform.startReplica(service, killed[service]!.replica);
      const back = await watchHealth(60_000, bothReplicasAnswer);
      expect(back).toMatchObject({ ok: true });
      for (const service of SCALED) {
        const restarted = instanceOf(service, killed[service]!.replica);
        expect(restarted).not.toBe(killed[service]!.instance);
        // One leader per lease, among the two running processes.
        expect(new Set(Object.keys(back.view![service]!.leaders))).toEqual(new Set(killed[service]!.leases));
        expect([killed[service]!.survivor, restarted]).toEqual(expect.arrayContaining(Object.values(back.view![service]!.leaders)));
      }
      await sleep(TAIL_MS);
    } finally {
      await load.stop(DRAIN_MS);
    }
  });

  it('answers every command, with nothing beyond what one retry hides', () => {
    if (!ledger) throw new Error('the load did not run');
    const problems = [
      ...retryContractProblems(ledger),
      ...ledger.records.filter((r) => r.outcome === 'unknown').map((r) => `no answer: ${describeCommand(r)}`),
      ...ledger.records.filter((r) => r.attempts.length > 2).map((r) => `${r.attempts.length} attempts: ${describeCommand(r)}`),
    ];
    const orders = ledger.records.filter((r) => r.kind === 'order' && r.outcome === 'acknowledged').length;
    console.log(`Load: ${ledger.count()} commands (${orders} orders acknowledged), ${ledger.retried()} retried once`);
    expect(orders).toBeGreaterThanOrEqual(12);
    expect(problems).toEqual([]);
  });

  it('applies every acknowledged command exactly once, in the catalog, in billing and in the e-mails, each e-mail sent once', async () => {
    if (!world || !ledger) throw new Error('the load did not run');
    const verification = await verifyOnceQuiet(() => verifyWorld(world!, ledger!, smtp.messages), { quietMs: 8_000, boundMs: 60_000, settledAt: killedAt + REDELIVERY_MS });
    const parkedAfter = (await services()) ?? {};
    const parked = Object.entries(parkedAfter)
      .map(([service, health]) => [service, (health.parkedMessages ?? 0) - (parkedBefore[service] ?? 0)] as const)
      .filter(([, added]) => added > 0);
    if (parked.length > 0) verification.problems.push({ kind: 'parked', message: `consumers parked messages: ${parked.map(([s, n]) => `${s} +${n}`).join(', ')}` });
    // A sender killed between the SMTP server's acceptance and its record sends that one again, with the same
    // Message-ID (ADR 0008): at most one such repeat, and never a second Message-ID for one e-mail (verifyWorld).
    const copies = new Map<string, number>();
    for (const mail of smtp.messages.slice(mailsBefore)) copies.set(mail.messageId ?? mail.raw, (copies.get(mail.messageId ?? mail.raw) ?? 0) + 1);
    const repeated = [...copies].filter(([, count]) => count > 1);
    if (repeated.reduce((sum, [, count]) => sum + count - 1, 0) > 1) verification.problems.push({ kind: 'mail', message: `e-mails received more than once: ${repeated.map(([id, n]) => `${id} × ${n}`).join(', ')}` });
    console.log(`Checked after ${(verification.waitedMs / 1000).toFixed(1)} s: ${JSON.stringify(verification.stats)}`);
    expect(verification.stats.approvalMails).toBeGreaterThan(0);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'scale-out.json'), `${JSON.stringify({ stats: verification.stats, problems: verification.problems }, null, 2)}\n`);
    if (verification.problems.length > 0) throw new Error(`${verification.problems.length} problem(s):\n${summarizeProblems(verification.problems)}`);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { BACKING_SERVICES, type ServiceName } from '@broker/contracts';
import { PrivateNatsServer } from '@broker/messaging/testing';
import { PrivatePostgresCluster } from '@broker/postgres/testing';
import { CommandLedger } from './support/command-ledger';
import { retryContractProblems, summarizeProblems, verifyOnceQuiet, verifyWorld, type Problem, type Verification } from './support/fault-checks';
import { DEFAULT_LOAD, LoadGenerator } from './support/fault-load';
import { FAULT_PLATFORM_ENV } from './support/fault-platform';
import { buildWorld, type World } from './support/fault-world';
import { ApiClient } from './support/http-client';
import { PlatformProcess } from './support/platform-process';
import { probeRecovery, reportRecovery, type RecoveryRow, type RecoveryTimes } from './support/recovery-probe';
import { sleep } from './support/retrying-client';
import { SmtpReceiver } from './support/smtp-receiver';

jest.setTimeout(600_000);

/**
 * The platform under faults, end to end: its own NATS server (JetStream) and PostgreSQL cluster, a real SMTP receiver,
 * every service its own process with a second replica of approvals and of catalog, and bounded load through the
 * public API all along (org admins ordering, changing and cancelling; the reseller approving and rejecting; careful
 * clients retrying 5xx, network errors and timeouts with the same Idempotency-Key). One fault after another on the
 * same platform, each on a world (reseller and organizations) of its own, with load before, during and after it:
 * then the platform must serve again within 10 s of the fault's end, and once quiet, hold every acknowledged command
 * exactly once, in the catalog, in billing and in the approval e-mails. The recovery times go to the console and to
 * `.local/test-results/fault-recovery.json`, each case's problems (all of them, not only the first dozen per kind) to
 * `.local/test-results/fault-<case>.json`.
 */

const root = resolve(__dirname, '..');
const RESULTS = join(root, '.local', 'test-results');

/** Load before the fault starts; load after it ends (at least); waiting for commands still retrying. */
const LEAD_MS = 4_000;
const TAIL_MS = 8_000;
const DRAIN_MS = 20_000;
/** The platform serves again within this after a fault ends (the acceptance bound). */
const RECOVERY_BOUND_MS = 10_000;
/** How long recovery is measured before the case counts the platform as down and restarts it to go on. */
const RECOVERY_WATCH_MS = 30_000;
/** A frozen replica loses its leases: an order placed during the freeze is applied within this of the freeze. */
const TAKEOVER_BOUND_MS = 15_000;
/** Consumers get a message again this long after a crashed instance took it (their ack wait), so checks wait as long. */
const REDELIVERY_MS = 35_000;

interface FaultContext {
  world: World;
  ledger: CommandLedger;
}

interface Fault {
  holdMs: number;
  inject(): Promise<void> | void;
  restore(): Promise<void> | void;
  /** Runs from the moment the fault is in place; its problems fail the recovery check. */
  during?(context: FaultContext, faultStart: number): Promise<{ problems: string[]; takeoverMs?: number | null }>;
}

interface CaseRun {
  world: World;
  ledger: CommandLedger;
  row: RecoveryRow;
  recoveryProblems: string[];
  /** Messages parked per service before the case (health's `parkedMessages`). */
  parkedBefore: Record<string, number>;
  faultEnd: number;
  verification?: Verification;
}

describe('the platform under faults (end to end)', () => {
  let nats: PrivateNatsServer | undefined;
  let postgres: PrivatePostgresCluster | undefined;
  const smtp = new SmtpReceiver();
  let platform: PlatformProcess;
  let platformAdmin: ApiClient;
  const runs: CaseRun[] = [];

  const everyProcess = (): [ServiceName, number][] =>
    (['gateway', ...BACKING_SERVICES] as ServiceName[]).flatMap((service) => [...Array(platform.replicasOf(service)).keys()].map((r): [ServiceName, number] => [service, r]));

  /** The replica whose outbox publisher leads, by its own log lines; the first one when none says so. */
  const leaderOf = (service: ServiceName): number => {
    let leader = 0;
    let latest = -1;
    for (let replica = 0; replica < platform.replicasOf(service); replica++) {
      if (!platform.isRunning(service, replica)) continue;
      const lines = platform.logs(service, replica);
      const led = lines.findLastIndex((l) => l.includes('outbox publisher is the leader'));
      const lost = lines.findLastIndex((l) => l.includes('"outbox') && l.includes('standing by'));
      const at = led > lost ? logTime(lines[led]!) : -1;
      if (at > latest) {
        latest = at;
        leader = replica;
      }
    }
    return leader;
  };

  /**
   * Sessions with a transaction open for more than a second: a frozen process's open transaction holds back every
   * reader of the gap-safe global order (ADR 2) in the whole cluster, so this names what a stalled takeover waits for.
   */
  const openTransactions = async (): Promise<string[]> => {
    const client = new Client({ connectionString: postgres!.url('broker') });
    try {
      await client.connect();
      const { rows } = await client.query<{ application_name: string; pid: number; state: string; seconds: number; query: string }>(
        `SELECT application_name, pid, state, extract(epoch FROM now() - xact_start)::float AS seconds, left(query, 80) AS query
           FROM pg_stat_activity WHERE xact_start < now() - interval '1 second' AND pid <> pg_backend_pid() ORDER BY xact_start`,
      );
      return rows.map((r) => `${r.application_name} (backend ${r.pid}) ${r.state} for ${r.seconds.toFixed(1)} s: ${r.query}`);
    } catch (error) {
      return [`cannot ask pg_stat_activity: ${(error as Error).message}`];
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  /** Starts again whatever is not running (as a supervisor would); everything, when the platform does not answer. */
  const repair = async (everything: boolean): Promise<string[]> => {
    const restarted: string[] = [];
    for (const [service, replica] of everyProcess()) {
      if (!everything && platform.isRunning(service, replica)) continue;
      await platform.kill(service, replica);
      platform.startReplica(service, replica);
      restarted.push(replica === 0 ? service : `${service}#${replica}`);
    }
    await platform.waitUntilHealthy(120_000);
    return restarted;
  };

  /** Messages each service's consumers gave up on (parked), as /health counts them; {} when health does not answer. */
  const parkedCounts = async (): Promise<Record<string, number>> => {
    const answer = await fetch(`${platform.baseUrl}/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
    const body = (await answer?.json().catch(() => null)) as { services?: Record<string, { parkedMessages?: number }> } | null;
    return Object.fromEntries(Object.entries(body?.services ?? {}).map(([service, health]) => [service, health.parkedMessages ?? 0]));
  };

  const healthy = async (timeoutMs: number): Promise<boolean> => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const answer = await fetch(`${platform.baseUrl}/health`, { signal: AbortSignal.timeout(3_000) }).catch(() => null);
      await answer?.text().catch(() => undefined);
      if (answer?.status === 200) return true;
      await sleep(500);
    }
    return false;
  };

  const runCase = async (name: string, fault: Fault): Promise<CaseRun> => {
    if (!(await healthy(15_000))) await repair(true);
    const world = await buildWorld(platform.baseUrl, platformAdmin, name);
    const ledger = new CommandLedger();
    const load = new LoadGenerator(world, ledger, DEFAULT_LOAD);
    const run: CaseRun = {
      world,
      ledger,
      row: { case: name, faultMs: fault.holdMs, firstReadMs: null, firstOrderMs: null, orderAppliedMs: null, repaired: false },
      recoveryProblems: [],
      parkedBefore: await parkedCounts(),
      faultEnd: Date.now(),
    };
    runs.push(run);
    load.start();
    let recovery: RecoveryTimes | undefined;
    try {
      await sleep(LEAD_MS);
      await fault.inject();
      const faultStart = Date.now();
      const during = fault.during?.({ world, ledger }, faultStart);
      await sleep(fault.holdMs - (Date.now() - faultStart));
      await fault.restore();
      const faultEnd = Date.now();
      run.faultEnd = faultEnd;
      run.row.faultMs = faultEnd - faultStart;
      [recovery] = await Promise.all([probeRecovery(world, ledger, faultEnd, RECOVERY_WATCH_MS), sleep(TAIL_MS)]);
      Object.assign(run.row, recovery);
      if (during) {
        const observed = await during;
        run.recoveryProblems.push(...observed.problems);
        if (observed.takeoverMs !== undefined) run.row.takeoverMs = observed.takeoverMs;
      }
    } finally {
      await load.stop(DRAIN_MS);
    }
    const late = (ms: number | null, what: string) =>
      ms === null || ms > RECOVERY_BOUND_MS ? [`no ${what} within ${RECOVERY_BOUND_MS / 1000} s of the fault's end (${ms === null ? `none within ${RECOVERY_WATCH_MS / 1000} s` : `first after ${(ms / 1000).toFixed(1)} s`})`] : [];
    run.recoveryProblems.push(
      ...late(recovery?.firstReadMs ?? null, 'successful authenticated read'),
      ...late(recovery?.firstOrderMs ?? null, 'acknowledged order'),
      ...retryContractProblems(ledger),
    );
    const ended = platform.processStates().filter((p) => !p.running);
    for (const p of ended) run.recoveryProblems.push(`${p.process} exited during the case (${p.signal ?? `exit code ${p.exitCode}`}) instead of riding the fault out`);
    const down = recovery?.firstReadMs === null || recovery?.firstOrderMs === null;
    if (ended.length > 0 || down) {
      run.row.repaired = true;
      const restarted = await repair(down);
      run.recoveryProblems.push(`restarted to go on: ${restarted.join(', ')}`);
    }
    return run;
  };

  /** The platform serves again in time and kept the retry contract; the case's other checks come after, on the same run. */
  const expectRecovered = (run: CaseRun | undefined): void => {
    if (!run) throw new Error('the case did not run');
    if (run.recoveryProblems.length > 0) throw new Error(`${run.world.name}:\n- ${run.recoveryProblems.join('\n- ')}`);
  };

  const expectConsistent = async (run: CaseRun | undefined): Promise<void> => {
    if (!run) throw new Error('the case did not run');
    const verification = await verifyOnceQuiet(() => verifyWorld(run.world, run.ledger, smtp.messages), {
      quietMs: 8_000,
      boundMs: 60_000,
      settledAt: run.faultEnd + REDELIVERY_MS,
    });
    const parkedAfter = await parkedCounts();
    const parked = Object.entries(parkedAfter)
      .map(([service, count]) => [service, count - (run.parkedBefore[service] ?? 0)] as const)
      .filter(([, added]) => added > 0);
    if (parked.length > 0) {
      verification.problems.push({
        kind: 'parked',
        message: `${run.world.name}: consumers gave up on (parked) messages during the case: ${parked.map(([service, added]) => `${service} +${added}`).join(', ')}`,
      });
    }
    run.verification = verification;
    Object.assign(run.row, {
      commands: verification.stats.commands,
      retried: verification.stats.retried,
      unknown: verification.stats.unknown,
      mailRepeats: verification.stats.mailRepeats,
      problems: verification.problems.length,
    });
    writeProblems(run.world.name, verification.problems, verification.stats);
    if (verification.problems.length > 0) {
      throw new Error(`${verification.problems.length} problem(s) after "${run.world.name}" (${JSON.stringify(verification.stats)}):\n${summarizeProblems(verification.problems)}`);
    }
  };

  const writeProblems = (name: string, problems: readonly Problem[], stats: unknown): void => {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `fault-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`), `${JSON.stringify({ stats, problems }, null, 2)}\n`);
  };

  beforeAll(async () => {
    nats = await PrivateNatsServer.start();
    postgres = await PrivatePostgresCluster.start();
    await smtp.start();
    platform = new PlatformProcess({
      natsUrl: nats.url,
      databaseUrl: postgres.url('broker'),
      smtp: { url: smtp.url },
      replicas: { approvals: 2, catalog: 2 },
      env: { ...FAULT_PLATFORM_ENV },
    });
    await platform.start();
    platformAdmin = await new ApiClient(platform.baseUrl).login(platform.adminUsername, platform.adminPassword);
  });

  afterAll(async () => {
    const rows = runs.map((r) => r.row);
    if (rows.length > 0) console.log(`Recovery after each fault (seconds from the fault's end):\n${reportRecovery(rows, join(RESULTS, 'fault-recovery.json'))}`);
    await platform?.stop().catch((error: Error) => console.warn(`stopping the platform: ${error.message}`));
    await nats?.destroy().catch(() => undefined);
    try {
      postgres?.destroy();
    } catch (error) {
      console.warn(`removing the PostgreSQL cluster: ${(error as Error).message}`);
    }
    await smtp.stop();
  });

  describe('NATS killed, back after 2 s', () => {
    let run: CaseRun | undefined;
    it('answers 503 with Retry-After while it cannot serve, and serves reads and orders again within 10 s', async () => {
      run = await runCase('NATS down 2 s', { holdMs: 2_000, inject: () => nats!.kill(), restore: () => nats!.restart() });
      expectRecovered(run);
    });
    it('keeps every acknowledged command exactly once, in the catalog, in billing and in the e-mails', () => expectConsistent(run));
  });

  describe('NATS killed, back after 60 s', () => {
    let run: CaseRun | undefined;
    it('answers 503 with Retry-After while it cannot serve, and serves reads and orders again within 10 s', async () => {
      run = await runCase('NATS down 60 s', { holdMs: 60_000, inject: () => nats!.kill(), restore: () => nats!.restart() });
      expectRecovered(run);
    });
    it('keeps every acknowledged command exactly once, in the catalog, in billing and in the e-mails', () => expectConsistent(run));
  });

  describe('PostgreSQL stopped at once and restarted', () => {
    let run: CaseRun | undefined;
    it('answers 503 with Retry-After while it cannot serve, and serves reads and orders again within 10 s', async () => {
      // pg_ctl runs synchronously: the test's own clients pause for the second or two it takes, the services do not.
      run = await runCase('PostgreSQL crash', { holdMs: 5_000, inject: () => postgres!.stopImmediately(), restore: () => postgres!.restart() });
      expectRecovered(run);
    });
    it('keeps every acknowledged command exactly once, in the catalog, in billing and in the e-mails', () => expectConsistent(run));
  });

  describe('billing and the leading catalog replica SIGKILLed and restarted', () => {
    let run: CaseRun | undefined;
    let catalogReplica = 0;
    it('answers 503 with Retry-After while it cannot serve, and serves reads and orders again within 10 s', async () => {
      run = await runCase('billing and catalog killed', {
        holdMs: 1_000,
        inject: async () => {
          catalogReplica = leaderOf('catalog');
          await Promise.all([platform.kill('billing'), platform.kill('catalog', catalogReplica)]);
        },
        restore: () => {
          platform.startReplica('billing', 0);
          platform.startReplica('catalog', catalogReplica);
        },
      });
      expectRecovered(run);
    });
    it('keeps every acknowledged command exactly once, in the catalog, in billing and in the e-mails', () => expectConsistent(run));
  });

  describe('the leading approvals replica frozen (SIGSTOP) for 20 s while the other runs', () => {
    let run: CaseRun | undefined;
    let frozen = 0;
    it('lets the other replica take over within seconds, answers 503 with Retry-After meanwhile, and serves within 10 s of the thaw', async () => {
      run = await runCase('approvals frozen 20 s', {
        holdMs: 20_000,
        inject: () => {
          frozen = leaderOf('approvals');
          platform.freeze('approvals', frozen);
        },
        restore: () => platform.thaw('approvals', frozen),
        during: async ({ world, ledger }, faultStart) => {
          // Orders during the freeze, a second apart: NATS hands each request to either replica, and one that reaches
          // the frozen one waits for the thaw (the client retries it after its timeout, maybe to the frozen one again).
          // The first of them that the running replica took measures the takeover of the outbox and projections. With
          // four probes all of them reached the frozen replica in about one run in sixty; with eight, one in thousands.
          const probes: Promise<RecoveryTimes>[] = [];
          for (const at of [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000]) {
            await sleep(at - (Date.now() - faultStart));
            probes.push(probeRecovery(world, ledger, faultStart, TAKEOVER_BOUND_MS + 10_000));
          }
          await sleep(TAKEOVER_BOUND_MS - 1_000 - (Date.now() - faultStart));
          const open = await openTransactions();
          const during = await Promise.all(probes);
          const applied = during.map((p) => p.orderAppliedMs).filter((ms): ms is number => ms !== null);
          const takeoverMs = applied.length > 0 ? Math.min(...applied) : null;
          const problems =
            takeoverMs === null || takeoverMs > TAKEOVER_BOUND_MS
              ? [
                  `${frozen === 0 ? 'approvals' : `approvals#${frozen}`} frozen: of the orders placed 1 to 8 s into the freeze (acknowledged after ${during.map((p) => fmt(p.firstOrderMs)).join(', ')}), ` +
                    `the first was listed by the catalog after ${fmt(takeoverMs)}, not within ${TAKEOVER_BOUND_MS / 1000} s of the freeze. ` +
                    `Transactions open ${TAKEOVER_BOUND_MS / 1000 - 1} s into the freeze: ${open.length > 0 ? open.join('; ') : 'none'}`,
                ]
              : [];
          return { problems, takeoverMs };
        },
      });
      expectRecovered(run);
    });
    it('keeps every acknowledged command exactly once, in the catalog, in billing and in the e-mails', () => expectConsistent(run));
  });

  describe('SMTP down for 30 s', () => {
    let run: CaseRun | undefined;
    it('answers 503 with Retry-After while it cannot serve, and serves reads and orders again within 10 s', async () => {
      run = await runCase('SMTP down 30 s', { holdMs: 30_000, inject: () => smtp.stop(), restore: () => smtp.start() });
      expectRecovered(run);
    });
    it('keeps every acknowledged command exactly once, in the catalog, in billing and in the e-mails', () => expectConsistent(run));
  });

  it('still holds what every earlier case acknowledged, after all the later faults', async () => {
    const fresh: Problem[] = [];
    for (const run of runs.filter((r) => r.verification)) {
      const known = new Set(run.verification!.problems.map((p) => p.message));
      const again = await verifyWorld(run.world, run.ledger, smtp.messages);
      fresh.push(...again.problems.filter((p) => !known.has(p.message)));
    }
    if (fresh.length > 0) throw new Error(`${fresh.length} new problem(s) in earlier cases' worlds:\n${summarizeProblems(fresh)}`);
  });
});

/** The time of a JSON log line (pino writes epoch milliseconds); 0 when it has none. */
function logTime(line: string): number {
  try {
    const time = (JSON.parse(line) as { time?: unknown }).time;
    return typeof time === 'number' ? time : Date.parse(String(time)) || 0;
  } catch {
    return 0;
  }
}

const fmt = (ms: number | null): string => (ms === null ? 'never (within the watch)' : `${(ms / 1000).toFixed(1)} s`);

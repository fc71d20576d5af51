import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatPosition, type AppendResult } from '@broker/event-sourcing';
import type { StoredDocument } from '@broker/read-models';
import type { PostgresConnection } from '../connection/postgres-connection';
import { PostgresDocumentStore } from '../document-store/postgres-document-store';
import { PostgresEventStore } from '../event-store/postgres-event-store';
import { createTestConnection } from '../testing/test-schema';

jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../../../..');
const CHILD = join(ROOT, 'libs/postgres/src/testing/projection-leader.child.js');
const TTL_MS = 1500;

/** The children run the compiled libraries: build them (incremental, so quick when nothing changed). */
function buildLibraries(): void {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  const compiled = join(ROOT, 'dist/libs/postgres/src/leases/postgres-lease-lock.js');
  if (!existsSync(compiled)) throw new Error(`npm run build produced no ${compiled}:\n${build.stdout}\n${build.stderr}`);
}

interface Report {
  event: string;
  at: number;
  level?: string;
  message?: string;
  code?: string;
  checkpoint?: string | null;
}

/** A projection runner in its own process, and everything it reported. */
class Child {
  readonly reports: Report[] = [];
  private stderr = '';
  private constructor(readonly name: string, readonly process: ChildProcess) {
    let buffered = '';
    process.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.trim()) this.reports.push(JSON.parse(line) as Report);
    });
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  static start(name: string, env: Record<string, string>): Child {
    const child = spawn(process.execPath, [CHILD], {
      cwd: ROOT,
      env: { ...process.env, NODE_PATH: join(ROOT, 'dist/node_modules'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Child(name, child);
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async waitFor(what: string, match: (report: Report) => boolean, timeoutMs = 15_000): Promise<Report> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.reports.find(match);
      if (found) return found;
      if (!this.running) throw new Error(`${this.name} exited before ${what}:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no ${what} within ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  since(at: number): Report[] {
    return this.reports.filter((report) => report.at >= at);
  }

  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    const exited = new Promise((done) => this.process.once('exit', done));
    this.process.kill('SIGCONT'); // a stopped process would not act on SIGTERM
    this.process.kill(signal);
    await exited;
  }
}

const leading = (report: Report) => report.event === 'log' && report.message === 'projection runner is leading';

describe('Leader lease failover between processes (SIGSTOP, SIGCONT)', () => {
  let connection: PostgresConnection;
  let drop: () => Promise<void>;
  let eventStore: PostgresEventStore;
  let documents: PostgresDocumentStore;
  const children: Child[] = [];
  const appended = new Map<string, { count: number; total: number }>();

  beforeAll(() => buildLibraries(), 300_000);

  beforeEach(async () => {
    ({ connection, drop } = await createTestConnection('failover'));
    eventStore = new PostgresEventStore(connection);
    await eventStore.init();
    documents = new PostgresDocumentStore(connection);
    await documents.init();
    appended.clear();
  });

  afterEach(async () => {
    for (const child of children.splice(0)) await child.stop();
    await eventStore.close();
    await documents.close();
    await drop();
  });

  const child = (name: string, version: number, pauseAt: 'read' | 'unit' | null): Child => {
    const started = Child.start(name, {
      CHILD_DATABASE_URL: connection.databaseUrl,
      CHILD_SCHEMA: connection.schema,
      CHILD_VERSION: String(version),
      CHILD_TTL_MS: String(TTL_MS),
      CHILD_FENCED_IDLE_MS: String(TTL_MS),
      CHILD_READ_PAUSE_MS: pauseAt === 'read' ? '250' : '0',
      CHILD_UNIT_PAUSE_MS: pauseAt === 'unit' ? '250' : '0',
    });
    children.push(started);
    return started;
  };

  let round = 0;
  async function appendSome(count: number): Promise<AppendResult> {
    let last!: AppendResult;
    for (let i = 0; i < count; i++, round++) {
      const streamId = `counter-${round % 7}`;
      const amounts = Array.from({ length: 1 + (round % 3) }, (_, j) => round * 10 + j);
      last = await eventStore.appendToStream(streamId, amounts.map((amount) => ({ id: randomUUID(), type: 'Counted', data: { amount } })), 'any');
      const tally = appended.get(streamId) ?? { count: 0, total: 0 };
      for (const amount of amounts) {
        tally.count++;
        tally.total += amount;
      }
      appended.set(streamId, tally);
    }
    return last;
  }

  async function caughtUp(version: number, last: AppendResult, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await documents.checkpoints.read(`projection:counters:v${version}`)) !== formatPosition(last.position)) {
      if (Date.now() > deadline) throw new Error(`counters v${version} did not catch up`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function all(collection: string): Promise<StoredDocument<{ count: number; total: number }>[]> {
    return (await documents.find<{ count: number; total: number }>(collection, { limit: 500 })).items;
  }

  it.each([
    // The server ends the frozen unit's session (its idle timeout), which frees the lease row for the standby. The
    // resumed client reads that as the server's 25P03 when its next statement is already waiting, or as the
    // connection's end (no code) when it reads the closed socket first: which comes first is the scheduler's choice.
    { at: 'inside its open, fenced unit', pauseAt: 'unit', freezeOn: 'unit-open', refusedWith: /^25P03$|^(?:undefined|null): .*(?:terminat|not queryable)/i },
    // Its fence refuses at once: by its own clock the lease has expired.
    { at: 'between reading a batch and writing it', pauseAt: 'read', freezeOn: 'read', refusedWith: /^READ_MODEL\.LEASE_FENCED$/ },
  ] as const)('hands leadership to the standby within seconds of a freeze $at; resumed, the old leader commits nothing and stands by', async ({ pauseAt, freezeOn, refusedWith }) => {
    await appendSome(30);
    const a = child('a', 1, pauseAt);
    await a.waitFor('leading', leading);
    const b = child('b', 1, pauseAt);
    await b.waitFor('ready', (r) => r.event === 'ready');

    let appending = true;
    const appender = (async () => {
      let last = await appendSome(1);
      while (appending) {
        last = await appendSome(1);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return last;
    })();

    const before = a.reports.length;
    await a.waitFor(freezeOn, (r) => a.reports.indexOf(r) >= before && r.event === freezeOn);
    a.process.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await b.waitFor('leading', leading, 10_000);
    const takeoverMs = Date.now() - stoppedAt;
    expect(takeoverMs).toBeLessThan(4 * TTL_MS);
    await b.waitFor('a commit', (r) => r.event === 'committed');

    const resumedAt = Date.now();
    a.process.kill('SIGCONT');
    // The batch it was working on when it froze is refused, then it stands by.
    const refused = await a.waitFor('its frozen batch refused', (r) => r.at >= resumedAt && r.event === 'unit-failed');
    expect(refused.code === undefined || refused.code === null ? `${String(refused.code)}: ${refused.message}` : refused.code).toMatch(refusedWith);
    await a.waitFor('standing by', (r) => r.at >= resumedAt && r.event === 'log' && /lost its leader lease|refused/.test(r.message ?? ''));
    await new Promise((resolve) => setTimeout(resolve, 2000)); // long enough for its renewals and standby retries
    appending = false;
    const last = await appender;
    await caughtUp(1, last);

    expect(a.since(resumedAt).filter((r) => r.event === 'committed')).toEqual([]);
    expect(a.since(resumedAt).filter(leading)).toEqual([]);

    // Nothing applied twice or lost: the live documents equal what was appended, and a replay from zero.
    const live = await all('counters_v1');
    expect(Object.fromEntries(live.map((d) => [d.id, d.data]))).toEqual(Object.fromEntries(appended));
    const replay = child('replay', 2, null);
    await caughtUp(2, last);
    await replay.stop('SIGTERM');
    expect((await all('counters_v2')).map((d) => ({ id: d.id, data: d.data }))).toEqual(live.map((d) => ({ id: d.id, data: d.data })));
  });
});

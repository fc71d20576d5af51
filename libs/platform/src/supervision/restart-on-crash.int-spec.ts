import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartOnCrash, type RestartOnCrashOptions } from './restart-on-crash';

// Real child processes that follow a plan, one step per run: `exit:<code>`, `kill` (SIGKILL itself),
// `after:<ms>:<code>` (run a while, then exit), `stay` (run until SIGINT, then exit 0).
const PLANNED = `
const fs = require('fs');
const file = process.env.RUNS;
const run = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
fs.writeFileSync(file, String(run));
const step = process.env.PLAN.split(',')[run - 1] || 'stay';
process.on('SIGINT', () => process.exit(0));
if (step.startsWith('exit:')) process.exit(Number(step.slice(5)));
if (step === 'kill') process.kill(process.pid, 'SIGKILL');
if (step.startsWith('after:')) { const [ms, code] = step.slice(6).split(':'); setTimeout(() => process.exit(Number(code)), Number(ms)); }
setInterval(() => undefined, 1000);
`;

describe('restartOnCrash (the supervisor of npm start)', () => {
  let folder: string;
  let running: { done: Promise<number>; signals: EventEmitter } | null = null;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'broker-supervise-'))));
  afterEach(async () => {
    // Whatever the test did, no supervisor and no child outlive it.
    if (running) running.signals.emit('SIGTERM', 'SIGTERM');
    await running?.done;
    running = null;
    rmSync(folder, { recursive: true, force: true });
  });

  function supervise(plan: string, overrides: Partial<RestartOnCrashOptions> = {}) {
    const lines: string[] = [];
    const signals = new EventEmitter();
    const runsFile = join(folder, 'runs');
    const done = restartOnCrash({
      name: 'identity',
      command: process.execPath,
      args: ['-e', PLANNED],
      env: { ...process.env, RUNS: runsFile, PLAN: plan },
      initialDelayMs: 50,
      maxDelayMs: 200,
      print: (line) => void lines.push(line),
      signals,
      ...overrides,
    });
    const runs = () => (existsSync(runsFile) ? Number(readFileSync(runsFile, 'utf8')) : 0);
    running = { done, signals };
    return { done, lines, signals, runs };
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('restarts a crashed child with a growing, capped delay and says so; a stop signal ends it and the child', async () => {
    const { done, lines, signals, runs } = supervise('exit:3,kill,exit:1,exit:1,stay');
    await until(() => runs() === 5, 'the fifth run');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines).toEqual([
      'identity exited with code 3; restarting in 50 ms (restart 1)',
      'identity was killed by SIGKILL; restarting in 100 ms (restart 2)',
      'identity exited with code 1; restarting in 200 ms (restart 3)',
      'identity exited with code 1; restarting in 200 ms (restart 4)',
    ]);
    signals.emit('SIGINT', 'SIGINT');
    expect(await done).toBe(0);
    expect(runs()).toBe(5);
  });

  it('waits the initial delay again after a run that lasted', async () => {
    // Far apart, so a slow start of node on a busy machine never looks like a run that lasted.
    const { done, lines, signals, runs } = supervise('exit:1,exit:1,after:3000:1,stay', { stableAfterMs: 2500 });
    await until(() => runs() === 4, 'the fourth run');
    expect(lines.map((line) => line.replace(/.*restarting in /, ''))).toEqual(['50 ms (restart 1)', '100 ms (restart 2)', '50 ms (restart 3)']);
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await done).toBe(0);
  });

  it('does not restart a child that exited cleanly', async () => {
    const { done, lines, runs } = supervise('exit:0');
    expect(await done).toBe(0);
    expect(lines).toEqual(['identity exited cleanly; not restarting it']);
    expect(runs()).toBe(1);
  });

  it('stops during a backoff without starting the child again', async () => {
    const { done, lines, signals, runs } = supervise('exit:2', { initialDelayMs: 5000 });
    await until(() => lines.length === 1, 'the crash to be reported');
    signals.emit('SIGINT', 'SIGINT');
    expect(await done).toBe(0);
    expect(runs()).toBe(1);
  });
});

import { spawn } from 'node:child_process';

export interface RestartOnCrashOptions {
  /** Named in every line printed. */
  name: string;
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Wait before the first restart, doubled before each next one. Default 1000 ms. */
  initialDelayMs?: number;
  /** Longest wait. Default 30000 ms. */
  maxDelayMs?: number;
  /** A run at least this long counts as healthy: the next crash waits the initial delay again. Default 60000 ms. */
  stableAfterMs?: number;
  /** Where the lines go. Default stdout. */
  print?: (line: string) => void;
  /** Whose SIGINT, SIGTERM and SIGHUP stop everything (forwarded to the child). Default this process. */
  signals?: Pick<NodeJS.EventEmitter, 'on' | 'off'>;
}

const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs a command and starts it again whenever it crashes (a non-zero exit code or death by a signal), after a
 * short backoff, saying so each time. A clean exit (code 0) is not a crash: it ends the supervision. A stop
 * signal is forwarded to the child and ends the supervision once the child has exited, also during a backoff.
 * Resolves with the exit code the supervisor should end with (the child's last one, 0 when stopped by a signal).
 */
export function restartOnCrash(options: RestartOnCrashOptions): Promise<number> {
  const print = options.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const signals = options.signals ?? process;
  const initialDelayMs = options.initialDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const stableAfterMs = options.stableAfterMs ?? 60_000;

  return new Promise((resolve) => {
    let stopSignal: NodeJS.Signals | null = null;
    let child: ReturnType<typeof spawn> | null = null;
    let backoff: NodeJS.Timeout | null = null;
    let restarts = 0;
    let delayMs = initialDelayMs;
    let done = false;

    const finish = (code: number): void => {
      if (done) return;
      done = true;
      for (const signal of STOP_SIGNALS) signals.off(signal, onSignal);
      resolve(code);
    };

    function onSignal(signal: NodeJS.Signals): void {
      if (stopSignal) return;
      stopSignal = signal;
      if (backoff) {
        clearTimeout(backoff);
        finish(0);
      } else if (child && child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
      }
    }
    for (const signal of STOP_SIGNALS) signals.on(signal, onSignal);

    const start = (): void => {
      backoff = null;
      const startedAt = Date.now();
      child = spawn(options.command, [...options.args], { env: options.env ?? process.env, stdio: 'inherit' });
      child.once('error', (error) => {
        print(`${options.name} could not be started: ${error.message}`);
        finish(1);
      });
      child.once('exit', (code, signal) => {
        if (done) return;
        if (stopSignal) return finish(code ?? 0);
        if (code === 0) {
          print(`${options.name} exited cleanly; not restarting it`);
          return finish(0);
        }
        if (Date.now() - startedAt >= stableAfterMs) delayMs = initialDelayMs;
        restarts++;
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        print(`${options.name} ${how}; restarting in ${formatDelay(delayMs)} (restart ${restarts})`);
        backoff = setTimeout(start, delayMs);
        delayMs = Math.min(maxDelayMs, delayMs * 2);
      });
    };
    start();
  });
}

function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A node script run as a child process by a test, with its output kept for assertions. */
export class TestChild {
  readonly process: ChildProcess;
  readonly exited: Promise<ChildExit>;
  private text = '';

  constructor(script: string, env: NodeJS.ProcessEnv, cwd?: string) {
    this.process = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    const keep = (chunk: Buffer): void => void (this.text += chunk.toString('utf8'));
    this.process.stdout!.on('data', keep);
    this.process.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get isRunning(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Everything it wrote so far, stdout and stderr. */
  output(): string {
    return this.text;
  }

  /** Its output lines that are JSON objects (pino log lines). */
  jsonLines(): Record<string, unknown>[] {
    return this.text.split('\n').flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  /** Resolves once its output matches; fails when it exits first or after `timeoutMs`. */
  async waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text)) {
      if (!this.isRunning) throw new Error(`child exited (${this.process.exitCode ?? this.process.signalCode}) before printing ${pattern}:\n${this.text}`);
      if (Date.now() > deadline) throw new Error(`child did not print ${pattern} within ${timeoutMs} ms:\n${this.text}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Its exit, or a failure after `timeoutMs` (the child is then left running for `kill`). */
  async exit(timeoutMs: number): Promise<ChildExit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`child still running after ${timeoutMs} ms:\n${this.text}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL when still running; resolves once it is gone. */
  async kill(): Promise<void> {
    if (this.isRunning) this.process.kill('SIGKILL');
    await this.exited;
  }
}

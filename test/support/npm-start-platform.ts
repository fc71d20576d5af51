import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { deploymentNames, type DeploymentNames } from '@broker/contracts';
import { removeDeploymentResources } from './deployment-resources';

/** The repository: the nearest folder with a package.json (this file runs from test/ and, in benchmarks, from dist/). */
const root = ((dir: string): string => {
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})(__dirname);

export interface NpmStartOptions {
  /** Where e-mail goes (SMTP_URL); read at start, so a receiver started just before can name its port. */
  smtpUrl: () => string;
  databaseUrl: string;
  natsUrl: string;
  /** The gateway's port (PORT), asked for at start. */
  port: () => Promise<number>;
  /** The deployment name's prefix (default `e2e`): a random part follows. */
  deploymentPrefix?: string;
  /** More environment for the script and the services it starts (NODE_OPTIONS for profiling, say). */
  env?: Record<string, string>;
}

/**
 * The platform exactly as `npm start` runs it (the compiled start script: preflight, a supervisor per service under
 * concurrently, the printed URL and login), under a deployment name of its own on the given PostgreSQL and NATS.
 * The caller learns where to go and how to log in from what the script prints, as a person would. `stop()` ends it
 * as Ctrl-C does and removes its schemas and streams.
 */
export class NpmStartPlatform {
  readonly deployment: string;
  readonly names: DeploymentNames;
  readonly adminPassword = `Adm1n!${randomBytes(6).toString('hex')}`;
  /** The portal's address as printed ("Open:"). */
  openUrl = '';
  /** The API's address as printed ("API:"). */
  baseUrl = '';
  /** The platform admin's username as printed ("Log in:"). */
  adminUsername = '';
  /** Everything the script printed so far. */
  readonly printed: string[] = [];
  private child: ChildProcess | null = null;
  private log: WriteStream | null = null;

  constructor(private readonly options: NpmStartOptions) {
    this.deployment = `${options.deploymentPrefix ?? 'e2e'}_${randomBytes(4).toString('hex')}`;
    this.names = deploymentNames(this.deployment);
  }

  async start(timeoutMs = 120_000): Promise<void> {
    const logDir = join(root, '.local', 'e2e-logs', this.deployment);
    mkdirSync(logDir, { recursive: true });
    this.log = createWriteStream(join(logDir, 'npm-start.log'));
    const port = await this.options.port();
    const child = spawn(process.execPath, [join(root, 'dist/scripts/start/start.js')], {
      env: {
        ...process.env,
        DEPLOYMENT_NAME: this.deployment,
        DATABASE_URL: this.options.databaseUrl,
        NATS_URL: this.options.natsUrl,
        PORT: String(port),
        SMTP_URL: this.options.smtpUrl(),
        PLATFORM_ADMIN_USERNAME: 'admin@platform.test',
        PLATFORM_ADMIN_PASSWORD: this.adminPassword,
        JWT_SECRET: `e2e-${randomBytes(24).toString('hex')}`,
        // An error code a contract does not declare answers INTERNAL, so the test that provoked it fails.
        RPC_STRICT_ERRORS: '1',
        ...this.options.env,
      },
      // Its own process group: whatever is left of it can be ended at once.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let buffered = '';
    const up = new Promise<void>((resolveUp, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start printed no "The platform is up." in ${timeoutMs} ms:\n${this.printed.slice(-30).join('\n')}`)), timeoutMs);
      const collect = (chunk: Buffer) => {
        this.log?.write(chunk);
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        this.printed.push(...lines);
        // The notice ends with the line that says how to stop.
        if (lines.some((line) => /^\s+Stop:\s+Ctrl-C/.test(line))) {
          clearTimeout(timer);
          resolveUp();
        }
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`npm start ended (${code ?? signal}):\n${this.printed.slice(-30).join('\n')}`));
      });
    });
    await up;
    this.openUrl = this.printedValue(/^\s+Open:\s+(\S+?)\/?\s/);
    this.baseUrl = this.printedValue(/^\s+API:\s+(\S+)/);
    this.adminUsername = this.printedValue(/^\s+Log in:\s+(\S+) \//);
  }

  /** The process group of the started script and everything it runs (its services), for measuring them. */
  get processGroup(): number {
    if (!this.child?.pid) throw new Error('npm start is not running');
    return this.child.pid;
  }

  /** Ends the platform as Ctrl-C would (the supervisors stop their services), then removes its schemas and streams. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    // Anything of the group still running (it should be none) ends now.
    try {
      if (child?.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    this.log?.end();
    await removeDeploymentResources(this.names, this.options.databaseUrl, this.options.natsUrl);
  }

  private printedValue(pattern: RegExp): string {
    for (const line of this.printed) {
      const match = pattern.exec(line);
      if (match) return match[1]!;
    }
    throw new Error(`npm start did not print ${pattern}:\n${this.printed.join('\n')}`);
  }
}

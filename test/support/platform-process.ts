import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, type KeyObject } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { BACKING_SERVICES, deploymentNames, type DeploymentNames, type ServiceName } from '@broker/contracts';
import { actorAssertionKeyFromSecret } from '@broker/messaging';
import { ensureDatabase } from '@broker/postgres';
import { freeLoopbackPort } from '@broker/platform/testing';
import { TEST_DATABASE_URL } from '@broker/postgres/testing';
import { removeDeploymentResources } from './deployment-resources';

const root = resolve(__dirname, '../..');
const SERVICES: readonly ServiceName[] = ['gateway', ...BACKING_SERVICES];

export interface PlatformOptions {
  env?: Record<string, string>;
  /**
   * Where the notifications service sends e-mail (SMTP_URL and optional credentials). Without it, SMTP_URL points at
   * a loopback port where nothing listens: e-mails wait in the queue and nothing leaves the machine.
   */
  smtp?: { url: string; user?: string; password?: string };
  /** The NATS server the services use; default NATS_URL of the environment, or the machine's server. */
  natsUrl?: string;
  /** The PostgreSQL database the services use; default the test database of the machine's server. */
  databaseUrl?: string;
  /** The same database as a user that owns the schemas, when `databaseUrl`'s user may not drop them (cleanup). */
  ownerDatabaseUrl?: string;
  /** How many processes of a service run side by side (default 1), sharing its work as replicas do. */
  replicas?: Partial<Record<ServiceName, number>>;
  /** The deployment name; default a new `e2e_<random>` (a server whose permissions name it needs it first). */
  deployment?: string;
  /**
   * The NATS user each service logs in as (NATS_USER / NATS_PASSWORD); default none (a server without
   * authorization). Such a server is the test's own: its streams go with it, so `stop()` leaves them.
   */
  natsUsers?: Partial<Record<ServiceName, { user: string; password: string }>>;
  /**
   * Runs each service from this container image (`docker run --network host`, through DOCKER_HOST) instead of from
   * dist/: the image's own Node, dependencies and entry point. Its containers carry the label
   * `broker.deployment=<deployment>`; `stop()` removes every one of them.
   */
  image?: string;
  /** Each service's HTTP probes and metrics on a loopback port of its own (PROBE_PORT); see `probeUrl`. */
  probes?: boolean;
}

/** The Docker client, by full path: another `docker` may come first on PATH. */
export const DOCKER = '/usr/bin/docker';

const E2E_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-signing';

/** Nothing listens on the discard port of loopback: the notifications service starts, its e-mails stay queued. */
const NO_SMTP_SERVER = 'smtp://127.0.0.1:9';

/**
 * The whole platform for an end-to-end test: every service as its own process (from the compiled build), under a
 * deployment name of its own, so its schemas, subjects and stream collide with nothing. `stop()` ends the processes
 * and removes the schemas and the JetStream stream. Fault tests point it at servers of their own, run replicas of
 * chosen services, and kill, freeze and restart single processes.
 */
export class PlatformProcess {
  readonly deployment: string;
  readonly names: DeploymentNames;
  readonly adminUsername = 'admin@platform.test';
  readonly adminPassword = `Adm1n!${randomBytes(6).toString('hex')}`;
  readonly databaseUrl: string;
  readonly natsUrl: string;
  port = 0;
  /** Gateway replicas beyond the first listen on ports of their own (no load balancer in front): replica → port. */
  private readonly gatewayPorts = new Map<number, number>();
  /** Keyed by `processKey(service, replica)`. */
  private readonly processes = new Map<string, ChildProcess>();
  private readonly output = new Map<string, string[]>();
  private readonly logFiles = new Map<string, WriteStream>();
  /** Keyed by `processKey(service, replica)`: the probe port of each backing service's process. */
  private readonly probePorts = new Map<string, number>();

  constructor(private readonly options: PlatformOptions = {}) {
    this.deployment = options.deployment ?? `e2e_${randomBytes(4).toString('hex')}`;
    this.names = deploymentNames(this.deployment);
    this.databaseUrl = options.databaseUrl ?? TEST_DATABASE_URL;
    this.natsUrl = options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  }

  /** How many processes of the service this platform runs. */
  replicasOf(service: ServiceName): number {
    return Math.max(1, this.options.replicas?.[service] ?? 1);
  }

  /**
   * The key identity signs actor assertions with (derived from the JWT secret the test gives it), for tests that
   * call services directly with actors of their own making (TrustedRpcClient).
   */
  get actorAssertionKey(): KeyObject {
    return actorAssertionKeyFromSecret(this.options.env?.JWT_SECRET ?? E2E_JWT_SECRET);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v1`;
  }

  /** The API of one gateway replica (replica 0 is `baseUrl`). */
  baseUrlOf(gatewayReplica: number): string {
    return `http://127.0.0.1:${this.gatewayPorts.get(gatewayReplica) ?? this.port}/api/v1`;
  }

  async start(): Promise<void> {
    await ensureDatabase(this.databaseUrl);
    this.port = await freeLoopbackPort();
    for (let replica = 1; replica < this.replicasOf('gateway'); replica++) this.gatewayPorts.set(replica, await freeLoopbackPort());
    const logDir = join(root, '.local', 'e2e-logs', this.deployment);
    mkdirSync(logDir, { recursive: true });
    if (this.options.probes) {
      for (const service of SERVICES) {
        for (let replica = 0; replica < this.replicasOf(service); replica++) this.probePorts.set(processKey(service, replica), await freeLoopbackPort());
      }
    }
    for (const service of SERVICES) {
      for (let replica = 0; replica < this.replicasOf(service); replica++) this.startReplica(service, replica, logDir);
    }
    await this.waitUntilHealthy(90_000);
  }

  /** Starts (or restarts) one service (its first process when it has replicas). */
  startService(service: ServiceName, logDir = join(root, '.local', 'e2e-logs', this.deployment)): void {
    this.startReplica(service, 0, logDir);
  }

  /** Starts (or restarts) one process of a service. */
  startReplica(service: ServiceName, replica: number, logDir = join(root, '.local', 'e2e-logs', this.deployment)): void {
    const key = processKey(service, replica);
    const env = {
      ...process.env,
      DEPLOYMENT_NAME: this.deployment,
      DATABASE_URL: this.databaseUrl,
      NATS_URL: this.natsUrl,
      PORT: String(service === 'gateway' ? (this.gatewayPorts.get(replica) ?? this.port) : this.port),
      LOG_LEVEL: 'debug',
      // An error code a contract does not declare answers INTERNAL, so the test that provoked it fails.
      RPC_STRICT_ERRORS: '1',
      JWT_SECRET: E2E_JWT_SECRET,
      PLATFORM_ADMIN_USERNAME: this.adminUsername,
      PLATFORM_ADMIN_PASSWORD: this.adminPassword,
      SMTP_URL: this.options.smtp?.url ?? NO_SMTP_SERVER,
      ...(this.options.smtp?.user !== undefined ? { SMTP_USER: this.options.smtp.user } : {}),
      ...(this.options.smtp?.password !== undefined ? { SMTP_PASSWORD: this.options.smtp.password } : {}),
      ...(this.options.natsUsers?.[service] ? { NATS_USER: this.options.natsUsers[service].user, NATS_PASSWORD: this.options.natsUsers[service].password } : {}),
      ...(this.probePorts.has(key) ? { PROBE_PORT: String(this.probePorts.get(key)), PROBE_HOST: '127.0.0.1' } : {}),
      ...this.options.env,
    };
    const child = this.options.image
      ? this.spawnContainer(service, replica, { ...this.platformEnv(env), SERVICE_NAME: service })
      : spawn(process.execPath, [join(root, 'dist/services', service, 'src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = this.output.get(key) ?? [];
    this.output.set(key, lines);
    const file = this.logFiles.get(key) ?? createWriteStream(join(logDir, replica === 0 ? `${service}.log` : `${service}-${replica}.log`), { flags: 'a' });
    this.logFiles.set(key, file);
    const collect = (chunk: Buffer) => {
      file.write(chunk);
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.processes.set(key, child);
  }

  /** The base URL of a service process's probes (`/live`, `/ready`, `/metrics`), when started with `probes`. */
  probeUrl(service: ServiceName, replica = 0): string {
    const port = this.probePorts.get(processKey(service, replica));
    if (port === undefined) throw new Error(`${processKey(service, replica)} has no probes: start the platform with { probes: true }`);
    return `http://127.0.0.1:${port}`;
  }

  /** The container of one process of a service, when the platform runs from an image. */
  containerName(service: ServiceName, replica = 0): string {
    return `${this.deployment}-${service}-${replica}`.replace(/_/g, '-');
  }

  /** What a service is given, without the rest of this process's environment (a container gets only this). */
  private platformEnv(env: NodeJS.ProcessEnv): Record<string, string> {
    const own = /^(DEPLOYMENT_NAME|DATABASE_URL|NATS_URL|NATS_USER|NATS_PASSWORD|PORT|PROBE_PORT|PROBE_HOST|LOG_LEVEL|RPC_STRICT_ERRORS|JWT_SECRET|PLATFORM_ADMIN_USERNAME|PLATFORM_ADMIN_PASSWORD|SMTP_URL|SMTP_USER|SMTP_PASSWORD|PUBLIC_URL)$/;
    const extra = new Set(Object.keys(this.options.env ?? {}));
    return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && (own.test(entry[0]) || extra.has(entry[0]))));
  }

  /**
   * `docker run` in the foreground, so that its output is the service's and a signal to it reaches the service. The
   * values travel in the client's environment (`-e NAME`), never on its command line.
   */
  private spawnContainer(service: ServiceName, replica: number, env: Record<string, string>): ChildProcess {
    const name = this.containerName(service, replica);
    const args = ['run', '--rm', '--network', 'host', '--name', name, '--label', `broker.deployment=${this.deployment}`, ...Object.keys(env).flatMap((key) => ['-e', key]), this.options.image!];
    return spawn(DOCKER, args, { env: { PATH: process.env.PATH ?? '', ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Removes every container of this deployment (those already gone are no error). */
  private async removeContainers(): Promise<void> {
    const run = (args: string[]) =>
      new Promise<string>((resolve) => {
        const child = spawn(DOCKER, args, { stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('error', () => resolve(''));
        child.on('exit', () => resolve(out));
      });
    const ids = (await run(['ps', '-aq', '--filter', `label=broker.deployment=${this.deployment}`])).split('\n').filter(Boolean);
    if (ids.length > 0) await run(['rm', '-f', ...ids]);
  }

  /** Ends a service at once (no graceful shutdown), as a crash would: one of its processes, or all of them. */
  async kill(service: ServiceName, replica?: number): Promise<void> {
    const replicas = replica === undefined ? [...Array(this.replicasOf(service)).keys()] : [replica];
    await Promise.all(
      replicas.map(async (r) => {
        const child = this.processes.get(processKey(service, r));
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        if (this.options.image) {
          spawn(DOCKER, ['kill', this.containerName(service, r)], { stdio: 'ignore' });
        } else {
          child.kill('SIGCONT');
          child.kill('SIGKILL');
        }
        await exited;
      }),
    );
  }

  /** Freezes one process (SIGSTOP): it keeps its connections open and answers nothing until thawed. */
  freeze(service: ServiceName, replica: number): void {
    if (this.options.image) throw new Error('freeze() needs the platform run from dist/, not from an image');
    this.runningProcess(service, replica).kill('SIGSTOP');
  }

  /** Lets a frozen process run again (SIGCONT). */
  thaw(service: ServiceName, replica: number): void {
    this.runningProcess(service, replica).kill('SIGCONT');
  }

  /** Whether this process of the service runs (it may be frozen). */
  isRunning(service: ServiceName, replica = 0): boolean {
    const child = this.processes.get(processKey(service, replica));
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /** Each process started so far (`catalog`, `catalog#1`, ...) and how it stands: running, or how it ended. */
  processStates(): { process: string; running: boolean; exitCode: number | null; signal: string | null }[] {
    return [...this.processes].map(([key, child]) => ({ process: key, running: child.exitCode === null && child.signalCode === null, exitCode: child.exitCode, signal: child.signalCode }));
  }

  /** Every line a service has written so far (JSON log lines and anything else); all its processes, or one. */
  logs(service: ServiceName, replica?: number): string[] {
    if (replica !== undefined) return this.output.get(processKey(service, replica)) ?? [];
    return [...Array(this.replicasOf(service)).keys()].flatMap((r) => this.output.get(processKey(service, r)) ?? []);
  }

  private runningProcess(service: ServiceName, replica: number): ChildProcess {
    const child = this.processes.get(processKey(service, replica));
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`${processKey(service, replica)} is not running`);
    return child;
  }

  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      for (const [key, child] of this.processes) {
        if (child.exitCode !== null) throw new Error(`${key} exited with ${child.exitCode}:\n${(this.output.get(key) ?? []).slice(-20).join('\n')}`);
      }
      try {
        const responses = await Promise.all([...Array(this.replicasOf('gateway')).keys()].map((r) => fetch(`${this.baseUrlOf(r)}/health`)));
        const unhealthy = responses.find((response) => response.status !== 200);
        if (!unhealthy) return;
        last = await unhealthy.text();
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`The platform did not become healthy: ${last}`);
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.processes.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        // A frozen process would never see SIGTERM.
        child.kill('SIGCONT');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    for (const file of this.logFiles.values()) file.end();
    if (this.options.image) await this.removeContainers();
    await removeDeploymentResources(this.names, this.options.ownerDatabaseUrl ?? this.databaseUrl, this.options.natsUsers ? null : this.natsUrl);
  }
}

/** `catalog` for a service's first process, `catalog#1` for its second, and so on. */
function processKey(service: ServiceName, replica: number): string {
  return replica === 0 ? service : `${service}#${replica}`;
}

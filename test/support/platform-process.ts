import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { connect } from 'nats';
import { Client } from 'pg';
import { BACKING_SERVICES, deploymentNames, type ServiceName } from '@broker/contracts';
import { ensureDatabase } from '@broker/postgres';
import { freeLoopbackPort } from '@broker/platform/testing';
import { TEST_DATABASE_URL } from '@broker/postgres/testing';

const root = resolve(__dirname, '../..');
const SERVICES: readonly ServiceName[] = ['gateway', ...BACKING_SERVICES];

export interface PlatformOptions {
  env?: Record<string, string>;
  /**
   * Where the notifications service sends e-mail (SMTP_URL and optional credentials). Without it, SMTP_URL points at
   * a loopback port where nothing listens: e-mails wait in the queue and nothing leaves the machine.
   */
  smtp?: { url: string; user?: string; password?: string };
}

/** Nothing listens on the discard port of loopback: the notifications service starts, its e-mails stay queued. */
const NO_SMTP_SERVER = 'smtp://127.0.0.1:9';

/**
 * The whole platform for an end-to-end test: every service as its own process (from the compiled build), under a
 * deployment name of its own, so its schemas, subjects and stream collide with nothing. `stop()` ends the processes
 * and removes the schemas and the JetStream stream.
 */
export class PlatformProcess {
  readonly deployment = `e2e_${randomBytes(4).toString('hex')}`;
  readonly names = deploymentNames(this.deployment);
  readonly adminUsername = 'admin@platform.test';
  readonly adminPassword = `Adm1n!${randomBytes(6).toString('hex')}`;
  readonly databaseUrl = TEST_DATABASE_URL;
  port = 0;
  private readonly processes = new Map<ServiceName, ChildProcess>();
  private readonly output = new Map<ServiceName, string[]>();
  private readonly logFiles = new Map<ServiceName, WriteStream>();

  constructor(private readonly options: PlatformOptions = {}) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api/v1`;
  }

  async start(): Promise<void> {
    await ensureDatabase(this.databaseUrl);
    this.port = await freeLoopbackPort();
    const logDir = join(root, '.local', 'e2e-logs', this.deployment);
    mkdirSync(logDir, { recursive: true });
    for (const service of SERVICES) this.startService(service, logDir);
    await this.waitUntilHealthy(90_000);
  }

  /** Starts (or restarts) one service. */
  startService(service: ServiceName, logDir = join(root, '.local', 'e2e-logs', this.deployment)): void {
    const env = {
      ...process.env,
      DEPLOYMENT_NAME: this.deployment,
      DATABASE_URL: this.databaseUrl,
      NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      PORT: String(this.port),
      LOG_LEVEL: 'debug',
      JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-signing',
      PLATFORM_ADMIN_USERNAME: this.adminUsername,
      PLATFORM_ADMIN_PASSWORD: this.adminPassword,
      SMTP_URL: this.options.smtp?.url ?? NO_SMTP_SERVER,
      ...(this.options.smtp?.user !== undefined ? { SMTP_USER: this.options.smtp.user } : {}),
      ...(this.options.smtp?.password !== undefined ? { SMTP_PASSWORD: this.options.smtp.password } : {}),
      ...this.options.env,
    };
    const child = spawn(process.execPath, [join(root, 'dist/services', service, 'src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = this.output.get(service) ?? [];
    this.output.set(service, lines);
    const file = this.logFiles.get(service) ?? createWriteStream(join(logDir, `${service}.log`), { flags: 'a' });
    this.logFiles.set(service, file);
    const collect = (chunk: Buffer) => {
      file.write(chunk);
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.processes.set(service, child);
  }

  /** Ends one service at once (no graceful shutdown), as a crash would. */
  async kill(service: ServiceName): Promise<void> {
    const child = this.processes.get(service);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** Every line a service has written so far (JSON log lines and anything else). */
  logs(service: ServiceName): string[] {
    return this.output.get(service) ?? [];
  }

  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      for (const [service, child] of this.processes) {
        if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}:\n${this.logs(service).slice(-20).join('\n')}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/health`);
        if (response.status === 200) return;
        last = await response.text();
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
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    for (const file of this.logFiles.values()) file.end();
    await this.removeResources();
  }

  private async removeResources(): Promise<void> {
    const db = new Client({ connectionString: this.databaseUrl });
    await db.connect();
    try {
      for (const service of SERVICES) await db.query(`DROP SCHEMA IF EXISTS "${this.names.schema(service)}" CASCADE`);
    } finally {
      await db.end();
    }
    const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(this.names.eventStream).catch(() => undefined);
      await jsm.streams.delete(`KV_${this.names.idempotencyBucket}`).catch(() => undefined);
    } finally {
      await nc.close();
    }
  }
}

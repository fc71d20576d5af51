import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '@broker/platform/testing';

export interface PrivateNatsServerOptions {
  /** How often the server pings its clients; a client that misses `pingMax` pings in a row is cut off. Default 2 s. */
  pingIntervalSeconds?: number;
  pingMax?: number;
  /** Clients must log in with this user and password (see `setAuthorization`). */
  authorization?: NatsAuthorization;
  /**
   * An `authorization { users = [...] }` block written into the server's config as it is (the users and permissions
   * of a deployment: natsAuthorizationConfig). Takes the place of `authorization`.
   */
  authorizationConfig?: string;
}

export interface NatsAuthorization {
  user: string;
  password: string;
}

/**
 * A NATS server with JetStream of a test's own (127.0.0.1, a free port, a temporary store folder), so a test can kill
 * it and start it again under running services. The store survives a kill, as it would on a real server.
 * Short pings let the server notice a frozen client within a few seconds.
 */
export class PrivateNatsServer {
  private process: ChildProcess | null = null;
  private readonly folder = mkdtempSync(join(tmpdir(), 'broker-nats-'));
  private readonly configFile = join(this.folder, 'nats.conf');
  private output: string[] = [];

  private constructor(readonly port: number, private readonly options: PrivateNatsServerOptions) {
    this.writeConfig();
  }

  /** Credentials the server requires from its next (re)start on; null: none. */
  setAuthorization(authorization: NatsAuthorization | null): void {
    if (authorization) this.options.authorization = authorization;
    else delete this.options.authorization;
    this.writeConfig();
  }

  private writeConfig(): void {
    const { authorization, authorizationConfig } = this.options;
    writeFileSync(
      this.configFile,
      [
        `listen: "127.0.0.1:${this.port}"`,
        `ping_interval: "${this.options.pingIntervalSeconds ?? 2}s"`,
        `ping_max: ${this.options.pingMax ?? 2}`,
        `jetstream { store_dir: "${join(this.folder, 'store')}" }`,
        ...(authorizationConfig
          ? [authorizationConfig]
          : authorization
            ? [`authorization { user: ${JSON.stringify(authorization.user)}, password: ${JSON.stringify(authorization.password)} }`]
            : []),
        '',
      ].join('\n'),
    );
  }

  static async start(options: PrivateNatsServerOptions = {}): Promise<PrivateNatsServer> {
    const server = new PrivateNatsServer(await freeLoopbackPort(), { ...options });
    await server.restart();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get isRunning(): boolean {
    return this.process !== null && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Starts the server (again) with the same port and store; resolves once it accepts connections. */
  async restart(timeoutMs = 20_000): Promise<void> {
    if (this.isRunning) return;
    this.output = [];
    const child = spawn('nats-server', ['-c', this.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer): void => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    this.process = child;
    const deadline = Date.now() + timeoutMs;
    while (!(await acceptsConnections(this.port))) {
      if (!this.isRunning) throw new Error(`nats-server exited:\n${this.output.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`nats-server did not listen within ${timeoutMs} ms:\n${this.output.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Ends the server at once (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || !this.isRunning) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Kills the server and removes its store. */
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** The server's last lines of output, for a failure message. */
  logs(): string[] {
    return [...this.output];
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

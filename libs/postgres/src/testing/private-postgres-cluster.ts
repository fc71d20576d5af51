import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '@broker/platform/testing';

/** Where Debian puts the server binaries: /usr/lib/postgresql/<major>/bin (the newest major installed). */
function serverBinaries(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? readdirSync(base).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = majors.map((major) => join(base, major, 'bin')).find((dir) => existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql/<major>/bin');
  return found;
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user. */
function asServerUser(command: string, args: string[]): { status: number | null; output: string } {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * A PostgreSQL cluster of a test's own (initdb in a temporary folder, listening on 127.0.0.1 on a free port), so a
 * test can stop and start the database under running services without touching the machine's server.
 */
export class PrivatePostgresCluster {
  readonly port: number;
  private readonly folder: string;
  private readonly dataDir: string;
  private readonly bin = serverBinaries();
  private running = false;

  private constructor(port: number) {
    this.port = port;
    this.folder = mkdtempSync(join(tmpdir(), 'broker-pg-'));
    this.dataDir = join(this.folder, 'data');
    if (process.getuid?.() === 0) chownSync(this.folder, Number(idOf('postgres', '-u')), Number(idOf('postgres', '-g')));
    chmodSync(this.folder, 0o700);
  }

  /** Creates the cluster and starts it. */
  static async start(): Promise<PrivatePostgresCluster> {
    const cluster = new PrivatePostgresCluster(await freeLoopbackPort());
    const init = asServerUser(join(cluster.bin, 'initdb'), ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    if (init.status !== 0) throw new Error(`initdb failed: ${init.output}`);
    cluster.startServer();
    return cluster;
  }

  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database = 'broker'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the stopped server again on the same port, with the same data; resolves once it accepts connections. */
  restart(): void {
    if (this.running) return;
    this.startServer();
  }

  /** Stops at once, as a crash would (`pg_ctl stop -m immediate`): open sessions are cut, recovery runs on the next start. */
  stopImmediately(): void {
    if (!this.running) return;
    const result = asServerUser(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    if (result.status !== 0) throw new Error(`pg_ctl stop failed: ${result.output}`);
    this.running = false;
  }

  /** Stops the server (if running) and removes the cluster's files. */
  destroy(): void {
    if (this.running) {
      asServerUser(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
      this.running = false;
    }
    rmSync(this.folder, { recursive: true, force: true });
  }

  private startServer(): void {
    const options = [`-p ${this.port}`, `-k ${this.folder}`, "-c listen_addresses='127.0.0.1'", '-c max_connections=200'].join(' ');
    const result = asServerUser(join(this.bin, 'pg_ctl'), ['-D', this.dataDir, '-o', options, '-l', join(this.folder, 'server.log'), '-w', '-t', '60', 'start']);
    if (result.status !== 0) throw new Error(`pg_ctl start failed: ${result.output}`);
    this.running = true;
  }
}

function idOf(user: string, flag: '-u' | '-g'): string {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`No user ${user} to run PostgreSQL as`);
  return result.stdout.trim();
}

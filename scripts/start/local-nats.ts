import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { delimiter, join } from 'node:path';
import { BACKING_SERVICES, type ServiceName } from '@broker/contracts';
import { natsAuthorizationConfig, natsPasswordVariable, natsUserName } from '@broker/messaging';
import { freeLoopbackPort } from '@broker/platform';

const SERVICES: ServiceName[] = ['gateway', ...BACKING_SERVICES];

/** The NATS server `npm start` runs its services on, and how each service logs in to it. */
export interface LocalNats {
  url: string;
  /** NATS_USER and NATS_PASSWORD of one service (empty: it connects without credentials). */
  serviceEnv(service: ServiceName): Record<string, string>;
  /** What the console says about it (no secrets). */
  description: string;
  /** Stops the server `npm start` started (after the services, which drain through it); nothing otherwise. */
  stop(): Promise<void>;
}

export interface LocalNatsOptions {
  deployment: string;
  /** `.local/settings.json`: the services' NATS passwords are generated once into it (NATS_PASSWORDS). */
  settingsFile: string;
  /** `.local/nats/`: the server's config, JetStream store and pid file. */
  folder: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * With NATS_URL given, that server, each service logging in as NATS_USER_<SERVICE> (default `<deployment>-<service>`)
 * with NATS_PASSWORD_<SERVICE> when that is set (else NATS_USER / NATS_PASSWORD as they are, or no login).
 * Otherwise a nats-server of its own on a free loopback port, with JetStream and the deployment's users and
 * permissions (natsAuthorizationConfig). Without a nats-server binary: the machine's server at 127.0.0.1:4222,
 * as before, without authorization.
 */
export async function localNats(options: LocalNatsOptions): Promise<LocalNats> {
  const env = options.env ?? process.env;
  if (env.NATS_URL) {
    const url = env.NATS_URL;
    return {
      url,
      description: `NATS_URL ${url}`,
      serviceEnv: (service): Record<string, string> => {
        const password = env[natsPasswordVariable(service)];
        return password ? { NATS_USER: env[`NATS_USER_${service.toUpperCase()}`] ?? natsUserName(options.deployment, service), NATS_PASSWORD: password } : {};
      },
      stop: () => Promise.resolve(),
    };
  }
  const binary = natsServerBinary(env);
  if (!binary) {
    return {
      url: 'nats://127.0.0.1:4222',
      description: 'nats://127.0.0.1:4222 without authorization (no nats-server binary found to start one with it)',
      serviceEnv: () => ({}),
      stop: () => Promise.resolve(),
    };
  }
  const passwords = natsPasswords(options.settingsFile);
  return startNatsServer(binary, options, passwords);
}

/** The services' NATS passwords from the settings file, generated and added to it on first use. */
export function natsPasswords(settingsFile: string): Record<ServiceName, string> {
  const settings = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  const stored = (settings.NATS_PASSWORDS ?? {}) as Partial<Record<ServiceName, string>>;
  if (SERVICES.every((service) => typeof stored[service] === 'string')) return stored as Record<ServiceName, string>;
  const passwords = Object.fromEntries(SERVICES.map((service) => [service, stored[service] ?? randomBytes(24).toString('base64url')])) as Record<ServiceName, string>;
  writeFileSync(settingsFile, JSON.stringify({ ...settings, NATS_PASSWORDS: passwords }, null, 2) + '\n', { mode: 0o600 });
  return passwords;
}

function natsServerBinary(env: NodeJS.ProcessEnv): string | null {
  const candidates = [...(env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'nats-server')), '/usr/sbin/nats-server', '/usr/local/bin/nats-server'];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there
    }
  }
  return null;
}

async function startNatsServer(binary: string, options: LocalNatsOptions, passwords: Record<ServiceName, string>): Promise<LocalNats> {
  const { folder, deployment } = options;
  mkdirSync(folder, { recursive: true });
  const configFile = join(folder, 'nats.conf');
  stopLeftover(join(folder, 'nats.pid'), configFile);
  const port = await freeLoopbackPort();
  writeFileSync(
    configFile,
    [
      '# Written by npm start at every start (scripts/start/local-nats.ts).',
      `listen: "127.0.0.1:${port}"`,
      `pid_file: ${JSON.stringify(join(folder, 'nats.pid'))}`,
      'ping_interval: "3s"',
      'ping_max: 2',
      `jetstream { store_dir: ${JSON.stringify(join(folder, 'jetstream'))} }`,
      natsAuthorizationConfig(deployment, passwords),
    ].join('\n'),
    { mode: 0o600 },
  );
  // Its own process group: Ctrl-C stops the services first, which drain through it; then it is stopped here.
  const child = spawn(binary, ['-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  // Whatever way `npm start` ends, its server ends with it (a kill -9 leaves it to the next start: stopLeftover).
  process.once('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  await waitUntilListening(child, port, output);
  const url = `nats://127.0.0.1:${port}`;
  return {
    url,
    description: `${url} (its own nats-server; one user per service, passwords in .local/settings.json)`,
    serviceEnv: (service) => ({ NATS_USER: natsUserName(deployment, service), NATS_PASSWORD: passwords[service] }),
    stop: () => stopChild(child),
  };
}

/** A server an earlier `npm start` left running (it was killed without its cleanup). */
function stopLeftover(pidFile: string, configFile: string): void {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (commandLine.includes('nats-server') && commandLine.includes(configFile)) process.kill(pid, 'SIGTERM');
  } catch {
    // gone already
  }
}

async function waitUntilListening(child: ChildProcess, port: number, output: string[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}:\n${output.join('')}`);
    const listening = await new Promise<boolean>((resolve) => {
      const socket = connectTcp({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (listening) return;
    if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${port} within ${timeoutMs / 1000} s:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

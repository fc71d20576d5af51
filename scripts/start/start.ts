/**
 * `npm start`: runs the whole platform locally. Prepares what the services need (database, store migrations, JetStream stream),
 * starts the seven services as separate processes under concurrently (several processes of a backing service with
 * SCALE, for example SCALE=approvals=2,catalog=2), each under a supervisor that starts it again when it crashes
 * (supervise.ts), waits until /health reports every service up, then prints where to go
 * and how to log in. Ctrl-C stops them all.
 */
import { join, relative, resolve } from 'node:path';
import { connect } from 'nats';
import concurrently from 'concurrently';
import { BACKING_SERVICES, deploymentNames } from '@broker/contracts';
import { natsInboxPrefix } from '@broker/messaging';
import { freeLoopbackPort } from '@broker/platform';
import { ensureDatabase } from '@broker/postgres';
import { runMigrations } from '../migrate/run-migrations';
import { startLocalMailReceiver, type LocalMailReceiver } from './local-mail-receiver';
import { adminLoginLines } from './admin-login-notice';
import { localNats } from './local-nats';
import { readLocalSettings } from './local-settings';
import { parseScale, processNames } from './scale-setting';

const root = resolve(__dirname, '../../..');
const services = ['gateway', ...BACKING_SERVICES] as const;

async function main(): Promise<void> {
  // Before anything starts: a SCALE that cannot be run stops here with the reason.
  const processes = processNames(parseScale(process.env.SCALE));
  const settingsFile = join(root, '.local', 'settings.json');
  const { settings: local, generated: settingsGenerated } = readLocalSettings(settingsFile);
  const deployment = process.env.DEPLOYMENT_NAME ?? 'broker';
  deploymentNames(deployment);
  // Its own nats-server with a user per service, unless NATS_URL names one (docs/adr/0019).
  const nats = await localNats({ deployment, settingsFile, folder: join(root, '.local', 'nats') });
  const env: Record<string, string> = {
    DEPLOYMENT_NAME: process.env.DEPLOYMENT_NAME ?? 'broker',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/broker',
    NATS_URL: nats.url,
    PORT: process.env.PORT ?? '3000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    PLATFORM_ADMIN_USERNAME: process.env.PLATFORM_ADMIN_USERNAME ?? local.PLATFORM_ADMIN_USERNAME,
  };
  // Only identity holds these: with the token secret (from which the actor assertion key is derived, ADR 0019) any
  // other process could mint tokens and assertions of its own.
  const identitySecrets: Record<string, string> = {
    JWT_SECRET: process.env.JWT_SECRET ?? local.JWT_SECRET,
    PLATFORM_ADMIN_PASSWORD: process.env.PLATFORM_ADMIN_PASSWORD ?? local.PLATFORM_ADMIN_PASSWORD,
  };
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in identitySecrets) && name !== 'ACTOR_ASSERTION_PRIVATE_KEY'));
  deploymentNames(env.DEPLOYMENT_NAME!);

  await preflight(env, nats.serviceEnv('gateway'));
  console.log(`NATS: ${nats.description}`);
  console.log('Migrating the stores...');
  await runMigrations({ root, env: { ...inherited, ...env } });

  // Without an SMTP server of one's own, e-mails land in .local/mail/ (one .eml file each) and one line each here.
  let mailReceiver: LocalMailReceiver | null = null;
  if (!process.env.SMTP_URL) {
    mailReceiver = await startLocalMailReceiver({ folder: join(root, '.local', 'mail'), root });
    env.SMTP_URL = mailReceiver.url;
  }
  env.PUBLIC_URL = process.env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;

  // Each process serves its Prometheus metrics (and probes) on a loopback port of its own.
  const metricsPorts = new Map<string, number>();
  for (const { name } of processes) metricsPorts.set(name, await freeLoopbackPort());
  const replicated = processes.length > services.length ? ` in ${processes.length} processes (SCALE=${process.env.SCALE})` : '';
  console.log(`Starting ${services.length} services${replicated} (deployment "${env.DEPLOYMENT_NAME}")...`);
  const { result, commands } = concurrently(
    processes.map(({ service, name }) => ({
      name,
      command: `node ${JSON.stringify(join(root, 'dist/scripts/start/supervise.js'))} ${name} ${JSON.stringify(join(root, 'dist/services', service, 'src/main.js'))}`,
      env: {
        ...inherited,
        ...env,
        ...nats.serviceEnv(service),
        ...(service === 'identity' ? { ...identitySecrets, ...(process.env.ACTOR_ASSERTION_PRIVATE_KEY ? { ACTOR_ASSERTION_PRIVATE_KEY: process.env.ACTOR_ASSERTION_PRIVATE_KEY } : {}) } : {}),
        SERVICE_NAME: service,
        PROBE_PORT: String(metricsPorts.get(name)),
        PROBE_HOST: '127.0.0.1',
      },
    })),
    // A supervisor only fails when it cannot start its service at all: then nothing works and everything stops.
    { killOthersOn: ['failure'], prefix: 'name', prefixColors: 'auto', cwd: root, handleInput: false },
  );

  // Stopped by a process manager (SIGTERM) as by Ctrl-C: the supervisors stop their services, then this process
  // exits and its own nats-server with it, leaving nothing behind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const command of commands) command.kill('SIGTERM');
    });
  }

  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  waitUntilHealthy(`${baseUrl}/api/v1/health`, 90_000)
    .then(async () => {
      const loginWorks = await canLogIn(baseUrl, env.PLATFORM_ADMIN_USERNAME!, identitySecrets.PLATFORM_ADMIN_PASSWORD!);
      console.log(
        [
          '',
          '  The platform is up.',
          `  Open:     ${env.PUBLIC_URL}/  (the web portal: log in there with the login below)`,
          `  API:      ${baseUrl}/api/v1`,
          `  API docs: ${baseUrl}/api/docs`,
          ...adminLoginLines({
            username: env.PLATFORM_ADMIN_USERNAME!,
            password: identitySecrets.PLATFORM_ADMIN_PASSWORD!,
            passwordFromEnvironment: process.env.PLATFORM_ADMIN_PASSWORD !== undefined,
            generatedNow: settingsGenerated,
            settingsFile: relative(root, settingsFile),
          }).map((line, i) => (i === 0 ? `  Log in:   ${line}` : `            ${line}`)),
          loginWorks
            ? `            (POST ${baseUrl}/api/v1/auth/login)`
            : '            This login was refused: the platform admin of this database was created earlier with other\n' +
              '            settings. Log in with those, or start with a new DATABASE_URL or DEPLOYMENT_NAME.',
          mailReceiver
            ? `  E-mail:   kept in ${relative(root, mailReceiver.folder)}/ (one .eml file per mail; SMTP ${mailReceiver.url}; set SMTP_URL to use your own server)`
            : `  E-mail:   sent through ${redactUrl(process.env.SMTP_URL ?? '')}`,
          `  Metrics:  http://127.0.0.1:<port>/metrics, ports: ${[...metricsPorts].map(([name, port]) => `${name} ${port}`).join(', ')}`,
          '  Stop:     Ctrl-C',
          '',
        ].join('\n'),
      );
    })
    .catch((error: Error) => {
      console.error(`The platform did not become healthy: ${error.message}`);
      for (const command of commands) command.kill('SIGTERM');
    });

  const code = await result.then(
    () => 0,
    () => 1,
  );
  await nats.stop();
  process.exit(code);
}

/** An SMTP URL without its password, for printing. */
function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'SMTP_URL';
  }
}

async function preflight(env: Record<string, string>, natsLogin: Record<string, string>): Promise<void> {
  try {
    await ensureDatabase(env.DATABASE_URL!);
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at DATABASE_URL (${(error as Error).message}).\n` +
        `Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`,
      { cause: error },
    );
  }
  try {
    const login = natsLogin.NATS_USER ? { user: natsLogin.NATS_USER, pass: natsLogin.NATS_PASSWORD ?? '', inboxPrefix: natsInboxPrefix(env.DEPLOYMENT_NAME!, 'gateway') } : {};
    const nc = await connect({ servers: env.NATS_URL, timeout: 3000, ...login });
    await nc.jetstreamManager();
    await nc.close();
  } catch (error) {
    throw new Error(
      `NATS with JetStream is not reachable at NATS_URL (${(error as Error).message}).\n` +
        'Start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server',
      { cause: error },
    );
  }
}

async function canLogIn(baseUrl: string, username: string, password: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).catch(() => null);
  return response?.status === 200;
}

async function waitUntilHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s; last answer: ${last}`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

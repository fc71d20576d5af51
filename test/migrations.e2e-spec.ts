import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { BACKING_SERVICES, deploymentNames } from '@broker/contracts';
import { TEST_DATABASE_URL } from '@broker/postgres/testing';
import { removeDeploymentResources } from './support/deployment-resources';
import { createOrganization } from './support/fixtures';
import { ApiClient, eventually } from './support/http-client';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(180_000);

const root = resolve(__dirname, '..');

interface Run {
  code: number | null;
  output: string;
}

function run(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, script), ...args], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${script} ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

async function asOwner(work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Versioned migrations run by one command, and the platform running on a database user that may not create or
 * alter anything: what a production database administrator asks for.
 */
describe('store migrations: one command, and services without DDL rights (end to end)', () => {
  const deployment = `e2e_${randomBytes(4).toString('hex')}`;
  const role = `broker_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const restrictedUrl = (() => {
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = password;
    return url.toString();
  })();
  let platform: PlatformProcess | null = null;

  beforeAll(() => asOwner((client) => client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`)));
  afterAll(async () => {
    await platform?.stop();
    await removeDeploymentResources(deploymentNames(deployment), TEST_DATABASE_URL, null);
    await asOwner(async (client) => {
      await client.query(`DROP OWNED BY ${role}`);
      await client.query(`DROP ROLE ${role}`);
    });
  });

  it('refuses to start a service on a schema nobody migrated, naming the command to run', async () => {
    const started = await run('dist/services/catalog/src/main.js', [], { DEPLOYMENT_NAME: deployment, DATABASE_URL: restrictedUrl, SCHEMA_MIGRATIONS: 'verify' });
    expect(started.code).toBe(1);
    expect(started.output).toMatch(/lacks 2 migration\(s\).*npm run migrate/);
  });

  it('migrates every service in one command, once, and grants the services’ role its data rights', async () => {
    const env = { DEPLOYMENT_NAME: deployment, DATABASE_URL: TEST_DATABASE_URL, MIGRATE_GRANT_TO: role };
    const first = await run('dist/scripts/migrate/migrate.js', [], env);
    expect(first).toMatchObject({ code: 0 });
    for (const service of BACKING_SERVICES) {
      expect(first.output).toMatch(new RegExp(`${service}: schema ${deploymentNames(deployment).schema(service)} at version 2 \\(applied 1, 2\\); \\d+ collections and their indexes ready; data rights granted to ${role}`));
    }
    const again = await run('dist/scripts/migrate/migrate.js', [], { DEPLOYMENT_NAME: deployment, DATABASE_URL: TEST_DATABASE_URL });
    expect(again.code).toBe(0);
    expect(again.output.match(/at version 2 \(already current\)/g)).toHaveLength(BACKING_SERVICES.length);
  });

  it('runs the whole platform as that role: orders of work that write events, project and publish', async () => {
    platform = new PlatformProcess({ deployment, databaseUrl: restrictedUrl, ownerDatabaseUrl: TEST_DATABASE_URL, env: { SCHEMA_MIGRATIONS: 'verify' } });
    await platform.start();
    const admin = await new ApiClient(platform.baseUrl).login(platform.adminUsername, platform.adminPassword);
    const suffix = `mig${Date.now().toString(36)}`;
    const created = await admin.post('/resellers', {
      name: `Migrated ${suffix}`,
      currency: 'EUR',
      notificationEmail: `n@${suffix}.example`,
      supportEmail: `s@${suffix}.example`,
      admin: { firstName: 'Mia', lastName: 'Grant', username: `mia@${suffix}.example`, email: `mia@${suffix}.example`, password: 'Xq9!wertzu' },
    });
    expect(created.status).toBe(201);
    const resellerAdmin = await new ApiClient(platform.baseUrl).login(`mia@${suffix}.example`, 'Xq9!wertzu');
    const organization = await createOrganization(resellerAdmin);
    // The organizations list is a projection: written by its leader under a lease, through the data rights only.
    await eventually(async () => {
      const list = await resellerAdmin.get('/organizations');
      return (list.body.items as { id: string }[]).some((item) => item.id === organization.id) ? true : undefined;
    }, 20_000, 'the new organization in the list');
    // Nothing the services ran created or altered a table: every object is still the migration's owner's.
    await asOwner(async (client) => {
      const owned = await client.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`, [role]);
      expect(owned.rows[0].n).toBe(0);
    });
  });
});

import { execFileSync } from 'node:child_process';
import { BACKING_SERVICES, type ServiceName } from '@broker/contracts';
import { ApiClient, eventually } from './support/http-client';
import { DOCKER, PlatformProcess } from './support/platform-process';

jest.setTimeout(240_000);

/**
 * The container image (deploy/Dockerfile), run: every service from it, one container each, on the host's network
 * against the machine's PostgreSQL and NATS, until the API's health answers 200 and a command goes through two
 * services. BROKER_IMAGE names the image (with DOCKER_HOST, the engine); `.ci/run` builds it and sets both. Without
 * them this file says so and runs nothing.
 */
const image = process.env.BROKER_IMAGE;
const describeWithImage = image ? describe : describe.skip;
if (!image) console.log('test/container-image.e2e-spec.ts skipped: BROKER_IMAGE is not set (.ci/run builds the image and sets it)');

const SERVICES: readonly ServiceName[] = ['gateway', ...BACKING_SERVICES];

describeWithImage('the container image, every service run from it (end to end)', () => {
  const platform = new PlatformProcess({ image, probes: true });
  const docker = (...args: string[]) => execFileSync(DOCKER, args, { encoding: 'utf8' }).trim();

  beforeAll(() => platform.start());
  afterAll(() => platform.stop());

  it('serves the API from seven containers, healthy, and a command goes through identity and organizations', async () => {
    const running = docker('ps', '--filter', `label=broker.deployment=${platform.deployment}`, '--format', '{{.Names}}').split('\n').sort();
    expect(running).toEqual(SERVICES.map((service) => platform.containerName(service)).sort());
    expect((await fetch(`${platform.baseUrl}/health`)).status).toBe(200);

    const admin = await new ApiClient(platform.baseUrl).login(platform.adminUsername, platform.adminPassword);
    const suffix = `img${Date.now().toString(36)}`;
    const created = await admin.post('/resellers', {
      name: `Image ${suffix}`,
      currency: 'EUR',
      notificationEmail: `n@${suffix}.example`,
      supportEmail: `s@${suffix}.example`,
      admin: { firstName: 'Ida', lastName: 'Image', username: `ida@${suffix}.example`, email: `ida@${suffix}.example`, password: 'Xq9!wertzu' },
    });
    expect(created.status).toBe(201);
    await expect(new ApiClient(platform.baseUrl).login(`ida@${suffix}.example`, 'Xq9!wertzu')).resolves.toBeInstanceOf(ApiClient);
  });

  it('runs on Node 24 as a user without root, with production dependencies only', () => {
    const gateway = platform.containerName('gateway');
    expect(docker('exec', gateway, 'node', '-v')).toMatch(/^v24\./);
    expect(docker('exec', gateway, 'id', '-u')).not.toBe('0');
    expect(docker('exec', gateway, 'sh', '-c', 'test -d node_modules/typescript && echo present || echo absent')).toBe('absent');
  });

  it('answers each backing service\'s probes on its own port: live, and ready with its checks', async () => {
    for (const service of BACKING_SERVICES) {
      expect((await fetch(`${platform.probeUrl(service)}/live`)).status).toBe(200);
      const ready = await fetch(`${platform.probeUrl(service)}/ready`);
      expect({ service, status: ready.status, body: await ready.json() }).toMatchObject({
        service,
        status: 200,
        body: { status: 'ready', service, checks: { postgres: { status: 'up' }, nats: { status: 'up' } } },
      });
    }
  });

  it('runs the migrations from the image, as compose and the cluster do: every service current, nothing left to apply', () => {
    const output = execFileSync(
      DOCKER,
      ['run', '--rm', '--network', 'host', '--label', `broker.deployment=${platform.deployment}`, '-e', 'DEPLOYMENT_NAME', '-e', 'DATABASE_URL', image!, 'node', 'dist/scripts/migrate/migrate.js'],
      { encoding: 'utf8', env: { ...process.env, DEPLOYMENT_NAME: platform.deployment, DATABASE_URL: platform.databaseUrl } },
    );
    for (const service of BACKING_SERVICES) expect(output).toMatch(new RegExp(`${service}: schema \\S+ at version \\d+ \\(already current\\)`));
  });

  it("reports each container healthy by the image's own health check", async () => {
    await eventually(
      async () => {
        const states = SERVICES.map((service) => docker('inspect', '--format', '{{.State.Health.Status}}', platform.containerName(service)));
        return states.every((state) => state === 'healthy') ? states : undefined;
      },
      60_000,
      'every container healthy',
    );
  });
});

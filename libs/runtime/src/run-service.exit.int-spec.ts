import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { deploymentNames, rpc } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { PrivateNatsServer } from '@broker/messaging/testing';
import { buildCompiledLibraries, compiledLibrariesEnv, REPOSITORY_ROOT, TestChild } from '@broker/platform/testing';
import { dropSchema, TEST_DATABASE_URL } from '@broker/postgres/testing';

// The exit policy of a service process: a NATS connection that closes for good outside a shutdown ends the
// process with a fatal line and exit code 1, for its supervisor to start it again. The server comes back
// requiring credentials the service does not have: the client gives up after the second refusal.

const CHILD = join(REPOSITORY_ROOT, 'libs/runtime/src/testing/echo-service.child.js');

describe('a service whose NATS connection closes for good (child process started by runService)', () => {
  const deployment = `exit_${randomBytes(4).toString('hex')}`;
  let server: PrivateNatsServer;
  let child: TestChild | undefined;

  beforeAll(() => buildCompiledLibraries('libs/runtime/src/run-service.js'), 300_000);

  afterEach(async () => {
    await child?.kill();
    await server?.destroy();
    await dropSchema(deploymentNames(deployment).schema('catalog'));
  });

  it('says why at fatal level and exits 1', async () => {
    server = await PrivateNatsServer.start();
    child = new TestChild(
      CHILD,
      compiledLibrariesEnv({ NATS_URL: server.url, DATABASE_URL: TEST_DATABASE_URL, DEPLOYMENT_NAME: deployment, LOG_LEVEL: 'info' }),
    );
    await child.waitForOutput(/Service catalog started/, 60_000);
    const client = new RpcClient({ deployment, servers: server.url });
    try {
      expect(await client.call(rpc<{ text: string }, { text: string }>('catalog.echo'), { text: 'alive' })).toEqual({ text: 'alive' });
    } finally {
      await client.close();
    }

    await server.kill();
    server.setAuthorization({ user: 'someone', password: 'else' });
    await server.restart();

    expect(await child.exit(30_000)).toEqual({ code: 1, signal: null });
    const fatal = child.jsonLines().filter((line) => line.level === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.msg).toMatch(/^Service catalog cannot work any more: NATS connection \S+ closed and will not reconnect: .*Authorization Violation/i);
    expect(child.jsonLines().some((line) => line.msg === 'NATS connection lost; reconnecting' && line.level === 'warn')).toBe(true);
  }, 90_000);
});

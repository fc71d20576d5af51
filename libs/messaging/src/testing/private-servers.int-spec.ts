import { connect } from 'nats';
import { Client } from 'pg';
import { PrivatePostgresCluster } from '@broker/postgres/testing';
import { PrivateNatsServer } from './private-nats-server';

describe('private servers for fault tests', () => {
  it('a private NATS server keeps its JetStream store across a kill and a restart', async () => {
    const server = await PrivateNatsServer.start();
    try {
      let nc = await connect({ servers: server.url });
      const jsm = await nc.jetstreamManager();
      await jsm.streams.add({ name: 'kit', subjects: ['kit.>'] });
      await nc.jetstream().publish('kit.a', new TextEncoder().encode('1'));
      await nc.close();
      await server.kill();
      expect(server.isRunning).toBe(false);
      await server.restart();
      nc = await connect({ servers: server.url });
      expect((await (await nc.jetstreamManager()).streams.info('kit')).state.messages).toBe(1);
      await nc.close();
    } finally {
      await server.destroy();
    }
  });

  it('a private PostgreSQL cluster keeps committed rows across an immediate stop and a restart', async () => {
    const cluster = await PrivatePostgresCluster.start();
    try {
      let client = new Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      await client.query('CREATE TABLE kit (n int)');
      await client.query('INSERT INTO kit VALUES (7)');
      await client.end();
      cluster.stopImmediately();
      await expect(new Client({ connectionString: cluster.url('postgres') }).connect()).rejects.toThrow();
      cluster.restart();
      client = new Client({ connectionString: cluster.url('postgres') });
      await client.connect();
      expect((await client.query('SELECT n FROM kit')).rows).toEqual([{ n: 7 }]);
      await client.end();
    } finally {
      cluster.destroy();
    }
  });
});

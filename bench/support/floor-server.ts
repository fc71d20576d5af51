/**
 * The floor of the platform's hops, for the order-load benchmark's baseline: run as `floor-server.js http <port>`, a
 * bare HTTP server that answers each request after one NATS request-reply; run as `floor-server.js responder`, a
 * bare NATS responder that answers each request after one PostgreSQL INSERT (POST) or SELECT (GET). Same machine,
 * same servers, none of our code: what any design with these hops cannot beat.
 */
import { createServer } from 'node:http';
import { connect, type NatsConnection } from 'nats';
import { Pool } from 'pg';

const [mode, portText] = process.argv.slice(2);
const natsUrl = process.env.BENCH_NATS_URL ?? 'nats://127.0.0.1:4222';
const subject = process.env.FLOOR_SUBJECT ?? 'bench.floor';

async function responder(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.FLOOR_DATABASE_URL, max: 10 });
  const table = process.env.FLOOR_TABLE!;
  const nc = await connect({ servers: natsUrl, name: 'bench-floor-responder' });
  const subscription = nc.subscribe(subject, { queue: 'floor' });
  const handle = async (message: { data: Uint8Array; respond(data?: Uint8Array): boolean }): Promise<void> => {
    const request = JSON.parse(Buffer.from(message.data).toString()) as { write: boolean; body: string };
    const result = request.write
      ? await pool.query(`INSERT INTO ${table} (body) VALUES ($1) RETURNING id`, [request.body])
      : await pool.query(`SELECT id FROM ${table} ORDER BY id DESC LIMIT 1`);
    message.respond(Buffer.from(JSON.stringify({ id: result.rows[0]?.id ?? null })));
  };
  process.on('SIGTERM', () => void nc.drain().then(() => pool.end()).then(() => process.exit(0)));
  console.log('ready');
  for await (const message of subscription) void handle(message);
}

async function http(port: number): Promise<void> {
  const nc: NatsConnection = await connect({ servers: natsUrl, name: 'bench-floor-http' });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const payload = JSON.stringify({ write: request.method === 'POST', body: Buffer.concat(chunks).toString() || '{}' });
      nc.request(subject, Buffer.from(payload), { timeout: 10_000 }).then(
        (reply) => {
          response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
          response.end(Buffer.from(reply.data));
        },
        () => {
          response.writeHead(503);
          response.end();
        },
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(port, '127.0.0.1', () => console.log('ready'));
  process.on('SIGTERM', () => server.close(() => void nc.close().then(() => process.exit(0))));
}

(mode === 'responder' ? responder() : http(Number(portText))).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

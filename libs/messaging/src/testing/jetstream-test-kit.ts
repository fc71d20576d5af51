import { randomBytes } from 'node:crypto';
import { deploymentNames, type DeploymentNames } from '@broker/contracts';
import { connect, type JetStreamManager, type MsgHdrs, type NatsConnection } from 'nats';
import { ensureEventStream, type EventStreamOptions } from '../jetstream/event-stream';
import type { JetStreamLogger } from '../jetstream/jetstream-logger';

export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export interface TestDeployment {
  names: DeploymentNames;
  nats: NatsConnection;
  jsm: JetStreamManager;
  /** Deletes the deployment's stream (with its consumers) and closes the connection. */
  cleanup(): Promise<void>;
}

/** A random deployment with its own JetStream event stream, so tests never see each other's messages. */
export async function createTestDeployment(options: EventStreamOptions = {}): Promise<TestDeployment> {
  const names = deploymentNames(`t_${randomBytes(5).toString('hex')}`);
  const nats = await connect({ servers: TEST_NATS_URL, name: names.deployment });
  const jsm = await nats.jetstreamManager();
  await ensureEventStream(jsm, names, options);
  return {
    names,
    nats,
    jsm,
    async cleanup() {
      try {
        await jsm.streams.delete(names.eventStream);
      } finally {
        await nats.close();
      }
    },
  };
}

export interface StoredStreamMessage {
  seq: number;
  subject: string;
  headers: MsgHdrs | undefined;
  json: Record<string, unknown>;
}

/** Every message the stream holds, in stream order (tests keep streams small). */
export async function readStream(jsm: JetStreamManager, stream: string): Promise<StoredStreamMessage[]> {
  const info = await jsm.streams.info(stream);
  const out: StoredStreamMessage[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    out.push({ seq: message.seq, subject: message.subject, headers: message.header, json: message.json<Record<string, unknown>>() });
  }
  return out;
}

export async function streamMessageCount(jsm: JetStreamManager, stream: string): Promise<number> {
  return (await jsm.streams.info(stream)).state.messages;
}

/** Polls `check` until it returns true; fails with `description` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, description: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface CapturedLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A logger that keeps its lines for assertions. */
export function capturingLogger(): JetStreamLogger & { lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const at =
    (level: CapturedLog['level']) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, message, fields });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { StorageType, type KV, type KvEntry, type NatsConnection } from 'nats';

/** What a finished request answered: the handler's value (and the headers worth repeating), or a problem. */
export type IdempotentOutcome =
  | { kind: 'value'; value: unknown; headers: Record<string, string> }
  | { kind: 'problem'; status: number; problem: Record<string, unknown>; headers: Record<string, string> };

type StoredRecord =
  | { state: 'running'; fingerprint: string; owner: string; beat: number }
  | { state: 'done'; fingerprint: string; outcome: IdempotentOutcome };

export type Admission =
  /** Nobody ran this key yet (or its runner is gone): run it, then `finish` or `abandon` the lease. */
  | { kind: 'run'; lease: IdempotencyLease }
  /** It ran: answer this again. */
  | { kind: 'replay'; outcome: IdempotentOutcome }
  /** The key was used for another request. */
  | { kind: 'mismatch' }
  /** Still running elsewhere after the longest wait. */
  | { kind: 'busy' };

export interface IdempotencyStoreOptions {
  /** How long records are kept after their last write. Default 24 h (the API promises at least that). */
  retentionMs?: number;
  /** How often a runner renews its record. Default 2 s. */
  heartbeatMs?: number;
  /** A running record not renewed for this long belongs to a runner that is gone. Default 10 s. */
  staleAfterMs?: number;
  /** How often a waiting request looks again. Default 100 ms. */
  pollMs?: number;
}

/** Values above this are compressed; above the second limit they are not kept (a retry then runs again). */
const COMPRESS_ABOVE = 64 * 1024;
const KEEP_AT_MOST = 900 * 1024;

/**
 * The gateway's memory of idempotency keys, in a JetStream key-value bucket shared by every gateway replica. A key's
 * record says "running" (renewed by its runner while it runs) and then holds the answer. Writes are compare-and-set
 * on the record's revision, so of two requests with one key exactly one runs; the other waits for the answer. A
 * runner that dies or freezes stops renewing: after `staleAfterMs` (measured by the waiter's own clock, so clocks of
 * different machines never matter) a waiter takes over. The commands the services run are idempotent by their id,
 * which the key determines, so a takeover while the old runner still finishes cannot do anything twice.
 */
export class IdempotencyStore {
  private readonly heartbeatMs: number;
  private readonly staleAfterMs: number;
  private readonly pollMs: number;

  private constructor(private readonly kv: KV, options: IdempotencyStoreOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 2000;
    this.staleAfterMs = options.staleAfterMs ?? 10_000;
    this.pollMs = options.pollMs ?? 100;
  }

  static async open(nats: NatsConnection, bucket: string, options: IdempotencyStoreOptions = {}): Promise<IdempotencyStore> {
    const kv = await nats.jetstream().views.kv(bucket, { history: 1, ttl: options.retentionMs ?? 24 * 3600 * 1000, storage: StorageType.File });
    return new IdempotencyStore(kv, options);
  }

  /**
   * Decides what a request with this key does: run, replay the answer, or be refused. Waits (at most `maxWaitMs`)
   * while another request with the same key runs.
   */
  async admit(name: string, fingerprint: string, maxWaitMs: number): Promise<Admission> {
    const deadline = Date.now() + maxWaitMs;
    let watched: { revision: number; since: number } | null = null;
    for (;;) {
      const entry = await this.kv.get(name);
      const record = entry && entry.operation === 'PUT' ? decode(entry) : null;
      if (!record || !entry) {
        const lease = await this.claim(name, fingerprint, entry ? entry.revision : 0);
        if (lease) return { kind: 'run', lease };
        continue;
      }
      if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (record.state === 'done') return { kind: 'replay', outcome: record.outcome };
      if (!watched || watched.revision !== entry.revision) watched = { revision: entry.revision, since: Date.now() };
      if (Date.now() - watched.since >= this.staleAfterMs) {
        const lease = await this.claim(name, fingerprint, entry.revision);
        if (lease) return { kind: 'run', lease };
        continue;
      }
      if (Date.now() >= deadline) return { kind: 'busy' };
      await new Promise((resolve) => setTimeout(resolve, this.pollMs));
    }
  }

  /** Takes the key at the revision seen (0: it does not exist); null when someone else wrote first. */
  private async claim(name: string, fingerprint: string, revision: number): Promise<IdempotencyLease | null> {
    const owner = randomUUID();
    const running = (): StoredRecord => ({ state: 'running', fingerprint, owner, beat: Date.now() });
    try {
      const written = revision === 0 ? await this.kv.create(name, encode(running())) : await this.kv.update(name, encode(running()), revision);
      return new IdempotencyLease(this.kv, name, fingerprint, written, running, this.heartbeatMs);
    } catch (error) {
      if (isWrongLastSequence(error)) return null;
      throw error;
    }
  }
}

/** A running request's hold on its key: renewed in the background until it finishes or gives up. */
export class IdempotencyLease {
  private timer: NodeJS.Timeout | null;
  private beating: Promise<void> = Promise.resolve();

  constructor(
    private readonly kv: KV,
    private readonly name: string,
    private readonly fingerprint: string,
    private revision: number,
    running: () => StoredRecord,
    heartbeatMs: number,
  ) {
    this.timer = setInterval(() => {
      this.beating = this.beating.then(async () => {
        if (!this.timer) return;
        try {
          this.revision = await this.kv.update(this.name, encode(running()), this.revision);
        } catch {
          // Lost to a takeover or NATS is away: the answer, if it comes, is still written below.
        }
      });
    }, heartbeatMs);
    this.timer.unref();
  }

  /** Keeps the answer for the key's later repeats. Returns false when it was too large to keep. */
  async finish(outcome: IdempotentOutcome): Promise<boolean> {
    await this.stop();
    const data = encode({ state: 'done', fingerprint: this.fingerprint, outcome });
    if (data.length > KEEP_AT_MOST) {
      await this.abandon();
      return false;
    }
    await this.kv.put(this.name, data);
    return true;
  }

  /** Forgets the key (the request did not finish with a lasting answer): a repeat runs again. */
  async abandon(): Promise<void> {
    await this.stop();
    await this.kv.delete(this.name, { previousSeq: this.revision }).catch(() => undefined);
  }

  private async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating;
  }
}

function encode(record: StoredRecord): Uint8Array {
  const json = Buffer.from(JSON.stringify(record));
  return json.length > COMPRESS_ABOVE ? gzipSync(json) : json;
}

function decode(entry: KvEntry): StoredRecord | null {
  try {
    const raw = Buffer.from(entry.value);
    const gzipped = raw[0] === 0x1f && raw[1] === 0x8b;
    const json = gzipped ? gunzipSync(raw) : raw;
    return JSON.parse(json.toString('utf8')) as StoredRecord;
  } catch {
    return null;
  }
}

/** JetStream's "wrong last sequence" (10071): the record changed since it was read. */
function isWrongLastSequence(error: unknown): boolean {
  const apiError = (error as { api_error?: { err_code?: number } } | null)?.api_error;
  return apiError?.err_code === 10071 || /wrong last sequence/i.test(String((error as Error | null)?.message ?? ''));
}

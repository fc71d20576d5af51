import { Events, type KV, type NatsConnection, type QueuedIterator, type KvEntry } from 'nats';
import type { Logger } from 'pino';
import { parseAccessRevocation } from '@broker/contracts';
import { RevocationState } from './revocation-state';

export interface AccessRevocationWatchOptions {
  /** How long to wait before binding again when the bucket is missing or the watch broke. Default 2 s. */
  retryMs?: number;
  /** How often entries older than the bucket's retention are forgotten. Default 60 s. */
  pruneEveryMs?: number;
}

/**
 * Follows the access-revocation bucket identity writes (ADR 0035). `current()` is the state only while the watch has
 * delivered every entry and the connection holds; otherwise null, and the gateway asks identity on every request.
 * After a lost connection it starts over with a fresh watch, so nothing written meanwhile can be missed.
 */
export class AccessRevocationWatch {
  private readonly retryMs: number;
  private readonly pruneEveryMs: number;
  private state: RevocationState | null = null;
  private watch: QueuedIterator<KvEntry> | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly nats: NatsConnection,
    private readonly bucket: string,
    private readonly logger: Logger,
    options: AccessRevocationWatchOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 2000;
    this.pruneEveryMs = options.pruneEveryMs ?? 60_000;
  }

  /** The revocation state, or null while it may be behind. */
  current(): RevocationState | null {
    return this.state;
  }

  start(): void {
    if (this.running) return;
    this.running = this.run();
    void this.followConnection();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = null;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.watch?.stop();
    await this.running;
  }

  private async run(): Promise<void> {
    let reported = false;
    while (!this.stopped) {
      try {
        await this.watchOnce();
      } catch (error) {
        if (!reported) this.logger.warn({ err: error, bucket: this.bucket }, 'Access revocations not followed; every request asks identity until they are');
        reported = true;
      }
      this.state = null;
      if (this.stopped) return;
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
  }

  /** One watch from the start of the bucket: current once every entry there is applied, until it ends. */
  private async watchOnce(): Promise<void> {
    const kv: KV = await this.nats.jetstream().views.kv(this.bucket, { bindOnly: true });
    const retentionMs = (await kv.status()).ttl;
    const fresh = new RevocationState();
    const watch = await kv.watch({
      key: '>',
      initializedFn: () => {
        if (this.stopped) return;
        this.state = fresh;
        this.logger.info({ bucket: this.bucket, entries: fresh.size }, 'Following access revocations');
      },
    });
    this.watch = watch;
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    if (retentionMs > 0) {
      this.pruneTimer = setInterval(() => fresh.prune(Date.now() - retentionMs), this.pruneEveryMs);
      this.pruneTimer.unref();
    }
    try {
      for await (const entry of watch) {
        if (entry.operation !== 'PUT') continue;
        const revocation = parseAccessRevocation(entry.key, entry.string());
        if (revocation) fresh.apply(revocation, entry.created.getTime());
      }
    } finally {
      if (this.watch === watch) this.watch = null;
    }
  }

  /** A lost connection makes the state unknown: stop trusting it at once and start over once connected again. */
  private async followConnection(): Promise<void> {
    for await (const status of this.nats.status()) {
      if (this.stopped) return;
      if (status.type === Events.Disconnect) {
        this.state = null;
        this.watch?.stop();
      }
    }
  }
}

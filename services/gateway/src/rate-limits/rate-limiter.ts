import { randomUUID } from 'node:crypto';
import type { NatsConnection, Subscription } from 'nats';
import type { Logger } from 'pino';
import type { Hit } from './shared-counts';
import { SharedCounts } from './shared-counts';
import type { PolicyName, RateLimitPolicies, RateLimitPolicy } from './rate-limit-policies';
import { wholeSeconds } from './window-rules';

export interface RateLimitDecision {
  policy: RateLimitPolicy;
  allowed: boolean;
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
  /** Set when refused. */
  retryAfterSeconds?: number;
}

export interface RateLimitHealth {
  /** `shared`: counts are exchanged with the other replicas; `local`: the sharing channel is away, each replica counts alone. */
  sharing: 'shared' | 'local';
  /** Gateway replicas heard from recently, this one included. */
  replicas: number;
}

export interface RateLimiterOptions {
  policies: RateLimitPolicies;
  /** How often a replica announces its hits (and that it lives). */
  syncIntervalMs: number;
  logger: Logger;
}

interface Announcement {
  /** Replica id. */
  r: string;
  /** Sequence number of the replica's announcements. */
  s: number;
  h: Hit[];
  /**
   * The last sequence this replica had received from each other replica when it announced. A peer's announcement
   * vouches for the hits of mine it acknowledges, not for those that merely arrived before it: it may have been sent
   * before them. (Absent from replicas of an earlier version: their announcements count by arrival, as they did.)
   */
  k?: Record<string, number>;
}

interface Round {
  target: number;
  ownSeen: boolean;
  peers: Set<string>;
  /** `complete`: this replica's announcement came back and every live peer announced after the round began. */
  done: (complete: boolean) => void;
  promise: Promise<boolean>;
}

/** NATS's default max payload is 1 MB: stay well under it. */
const HITS_PER_MESSAGE = 2000;
const SWEEP_EVERY_MS = 5000;

/**
 * Per-key request counts shared by every gateway replica. Each replica counts in memory and announces its new hits
 * on a core NATS subject every `syncIntervalMs`, itself included (its own announcement coming back confirms them).
 * A replica admits at most its even share of the room left before it hears from the others again (see `localShare`);
 * a request that finds its replica's share used waits for one exchange and is judged again. When no announcement of
 * its own has come back for a while (NATS away), the replica counts alone (every replica then admits the full
 * limit) and says so in the log and in /health, until the channel works again.
 */
export class RateLimiter {
  private readonly id = randomUUID();
  private readonly counts = new SharedCounts();
  private readonly peers = new Map<string, number>();
  private readonly staleAfterMs: number;
  private sequence = 0;
  private lastEcho = 0;
  private sharing: 'shared' | 'local' = 'local';
  private round: Round | null = null;
  /** Own hits come back and not yet settled: their announcement's sequence, and the live peers still to acknowledge it. */
  private unsettled: { hits: Hit[]; sequence: number; waitingFor: Set<string> }[] = [];
  /** The last sequence received from each peer, acknowledged in every announcement. */
  private readonly received = new Map<string, number>();
  private subscription: Subscription | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSweep = Date.now();

  constructor(
    private readonly nats: NatsConnection,
    private readonly subject: string,
    private readonly options: RateLimiterOptions,
  ) {
    this.staleAfterMs = Math.max(3 * options.syncIntervalMs, 1000);
  }

  start(): void {
    this.subscription = this.nats.subscribe(this.subject, { callback: (error, message) => !error && this.receive(message.data) });
    this.timer = setInterval(() => this.tick(), this.options.syncIntervalMs);
    this.timer.unref();
    this.announce();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscription?.unsubscribe();
    this.round?.done(false);
  }

  /** Judges one request of `key` under the policy, counting it when admitted. */
  async take(name: PolicyName, key: string): Promise<RateLimitDecision> {
    const policy = this.options.policies[name];
    let judgement = this.counts.take(policy, key, Date.now(), this.replicas());
    if (judgement.verdict.kind === 'share-used') {
      const complete = await this.nextRound();
      // A round that timed out learnt nothing of a peer still counted as live (a starved or slow replica): judging
      // again would hand this replica a share of room the peer may have used. Refuse until the peer is heard from,
      // or has gone quiet long enough to stop counting (then replicas() no longer includes it).
      const livePeersUnheard = !complete && this.replicas() > 1;
      if (!livePeersUnheard) judgement = this.counts.take(policy, key, Date.now(), this.replicas());
    }
    const resetSeconds = wholeSeconds(judgement.msLeft);
    switch (judgement.verdict.kind) {
      case 'admit':
        return { policy, allowed: true, remaining: judgement.verdict.remaining, resetSeconds };
      case 'full':
        return { policy, allowed: false, remaining: 0, resetSeconds, retryAfterSeconds: resetSeconds };
      case 'share-used':
        // Room may be left in other replicas' shares: a second later the counts are known.
        return { policy, allowed: false, remaining: 0, resetSeconds, retryAfterSeconds: 1 };
    }
  }

  health(): RateLimitHealth {
    return { sharing: this.sharing, replicas: this.replicas() };
  }

  private replicas(): number {
    if (this.sharing === 'local') return 1;
    return 1 + this.livePeers().length;
  }

  /** Peers heard from recently; the others are forgotten. */
  private livePeers(): string[] {
    const now = Date.now();
    for (const [peer, seen] of this.peers) {
      if (now - seen <= this.staleAfterMs) continue;
      this.peers.delete(peer);
      this.received.delete(peer);
    }
    return [...this.peers.keys()];
  }

  /** Settles own hits every live peer has announced after (a peer gone quiet no longer holds anything back). */
  private settleAnnounced(): void {
    if (this.unsettled.length === 0) return;
    const live = new Set(this.livePeers());
    this.unsettled = this.unsettled.filter((batch) => {
      for (const peer of batch.waitingFor) if (!live.has(peer)) batch.waitingFor.delete(peer);
      if (batch.waitingFor.size > 0) return true;
      this.counts.settle(batch.hits);
      return false;
    });
  }

  private tick(): void {
    this.announce();
    this.settleAnnounced();
    const now = Date.now();
    if (this.sharing === 'shared' && now - this.lastEcho > this.staleAfterMs) {
      this.sharing = 'local';
      this.options.logger.warn(
        { sharing: 'local' },
        'Rate-limit counts cannot be shared with the other gateway replicas (NATS away): counting locally, so each replica admits the full limit until they are shared again',
      );
    }
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      this.counts.sweep(now, (policy) => this.options.policies[policy].windowSeconds * 1000);
    }
  }

  /** Publishes the hits since the last announcement (an empty one says this replica lives); returns its sequence. */
  private announce(): number {
    const hits = this.counts.drainPending();
    const chunks = hits.length === 0 ? [hits] : Array.from({ length: Math.ceil(hits.length / HITS_PER_MESSAGE) }, (_, i) => hits.slice(i * HITS_PER_MESSAGE, (i + 1) * HITS_PER_MESSAGE));
    for (const chunk of chunks) {
      this.sequence += 1;
      try {
        this.nats.publish(this.subject, JSON.stringify({ r: this.id, s: this.sequence, h: chunk, k: Object.fromEntries(this.received) } satisfies Announcement));
      } catch (error) {
        // Closed for good: these hits stay counted here only.
        this.options.logger.debug({ err: error }, 'Could not announce rate-limit hits');
      }
    }
    return this.sequence;
  }

  private receive(data: Uint8Array): void {
    let message: Announcement;
    try {
      message = JSON.parse(Buffer.from(data).toString('utf8')) as Announcement;
    } catch {
      return;
    }
    if (typeof message?.r !== 'string' || typeof message.s !== 'number' || !Array.isArray(message.h)) return;
    const own = message.r === this.id;
    const hits = message.h.filter(isHit);
    this.counts.apply(hits, own);
    const now = Date.now();
    if (own && hits.length > 0) this.unsettled.push({ hits, sequence: message.s, waitingFor: new Set(this.livePeers()) });
    const acknowledges = (sequence: number): boolean => !own && acknowledged(message, this.id, sequence);
    if (!own) {
      this.received.set(message.r, Math.max(message.s, this.received.get(message.r) ?? 0));
      for (const batch of this.unsettled) if (acknowledges(batch.sequence)) batch.waitingFor.delete(message.r);
    }
    this.settleAnnounced();
    if (own) {
      this.lastEcho = now;
      if (this.sharing === 'local') {
        this.sharing = 'shared';
        this.options.logger.info({ sharing: 'shared' }, 'Rate-limit counts are shared with the other gateway replicas');
      }
    } else {
      this.peers.set(message.r, now);
    }
    const round = this.round;
    if (!round) return;
    if (own && message.s >= round.target) round.ownSeen = true;
    if (acknowledges(round.target)) round.peers.delete(message.r);
    if (round.ownSeen && round.peers.size === 0) round.done(true);
  }

  /**
   * Announces now and waits until this replica's announcement came back and every live peer announced once more;
   * true when that happened, false when the wait timed out (or the limiter stopped). Counting locally: true at once.
   */
  private nextRound(): Promise<boolean> {
    if (this.sharing === 'local') return Promise.resolve(true);
    if (this.round) return this.round.promise;
    const peers = new Set([...this.peers.keys()]);
    let done!: (complete: boolean) => void;
    const promise = new Promise<boolean>((resolve) => {
      done = resolve;
    });
    const round: Round = { target: 0, ownSeen: false, peers, promise, done: () => undefined };
    const timeout = setTimeout(() => round.done(false), this.staleAfterMs);
    round.done = (complete) => {
      clearTimeout(timeout);
      if (this.round === round) this.round = null;
      done(complete);
    };
    this.round = round;
    round.target = this.announce();
    return promise;
  }
}

/** Whether a peer's announcement vouches for my announcement `sequence`: it had received it (or cannot say, being older). */
function acknowledged(message: Announcement, me: string, sequence: number): boolean {
  if (message.k === undefined || message.k === null || typeof message.k !== 'object') return true;
  const seen = message.k[me];
  return typeof seen === 'number' && seen >= sequence;
}

function isHit(value: unknown): value is Hit {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    (value[0] === 'address' || value[0] === 'user' || value[0] === 'auth') &&
    typeof value[1] === 'string' &&
    Number.isInteger(value[2]) &&
    Number.isInteger(value[3]) &&
    (value[3] as number) > 0
  );
}

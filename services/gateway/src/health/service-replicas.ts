import { JSONCodec, RequestStrategy, type NatsConnection } from 'nats';
import { replicaHealthRpc, type ReplicaHealth } from '@broker/contracts';

const codec = JSONCodec<ReplicaHealth>();

/** The gathering ends when no replica answered for this long (or at the window's end). */
const QUIET_MS = 100;

/** What the gateway's /health adds to a service's entry: each replica that answered, and who leads each lease. */
export interface ServiceReplicasHealth {
  /** Sorted by instance. */
  replicas: ReplicaHealth[];
  /** Lease name (`projection:...`, `outbox:<service>`, ...) -> instance of the replica holding it. */
  leaders: Record<string, string>;
}

/**
 * Asks every replica of a service for its own health at once (`<service>.health.replicas`, answered outside the
 * queue group) and keeps the answers until none came for 100 ms, within the window: a replica slower than that, or
 * gone, is left out.
 */
export class ServiceReplicas {
  constructor(
    private readonly nats: NatsConnection,
    private readonly rpcPrefix: string,
    private readonly waitMs: number,
  ) {}

  async gather(service: string): Promise<ServiceReplicasHealth> {
    const answers: ReplicaHealth[] = [];
    try {
      // Replicas answer within milliseconds of each other: stop once none answered for a moment, not at the window's end.
      const replies = await this.nats.requestMany(`${this.rpcPrefix}${replicaHealthRpc(service).subject}`, undefined, {
        strategy: RequestStrategy.JitterTimer,
        maxWait: this.waitMs,
        jitter: Math.min(QUIET_MS, this.waitMs),
      });
      for await (const reply of replies) {
        const answer = decoded(reply.data);
        if (answer) answers.push(answer);
      }
    } catch {
      // No responders, or NATS away: no replica to show.
    }
    return replicasHealth(answers);
  }
}

function decoded(data: Uint8Array): ReplicaHealth | null {
  try {
    const answer = codec.decode(data);
    return typeof answer?.instance === 'string' && answer.leads ? answer : null;
  } catch {
    return null;
  }
}

/**
 * The replicas' answers, in the order they arrived, as /health shows them. Two answers claiming one lease (it passed
 * from one to the other within the window) name the later answer its leader.
 */
export function replicasHealth(answers: readonly ReplicaHealth[]): ServiceReplicasHealth {
  // An instance answering twice (a resent request) counts once, with its later answer.
  const latest = new Map<string, ReplicaHealth>();
  for (const answer of answers) {
    latest.delete(answer.instance);
    latest.set(answer.instance, answer);
  }
  const leaders: Record<string, string> = {};
  for (const answer of latest.values()) for (const lease of answer.leads.leases) leaders[lease] = answer.instance;
  return {
    replicas: [...latest.values()].sort((a, b) => a.instance.localeCompare(b.instance)),
    leaders: Object.fromEntries(Object.entries(leaders).sort(([a], [b]) => a.localeCompare(b))),
  };
}

import { JSONCodec, type NatsConnection, type Subscription } from 'nats';
import type { Logger } from 'pino';
import type { ReplicaHealth } from '@broker/contracts';

const codec = JSONCodec<ReplicaHealth>();

/**
 * Answers the replicas' health subject for this process. Subscribed without a queue group, so every replica of the
 * service receives each request and answers it: the asker gathers one answer per replica.
 */
export class ReplicaHealthResponder {
  private subscription: Subscription | null = null;

  constructor(
    private readonly nats: NatsConnection,
    private readonly subject: string,
    private readonly answer: () => Promise<ReplicaHealth>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.subscription) return;
    this.subscription = this.nats.subscribe(this.subject, {
      callback: (error, msg) => {
        if (error) {
          this.logger.warn({ err: error, subject: this.subject }, 'Replica health subscription failed');
          return;
        }
        this.answer().then(
          (health) => msg.respond(codec.encode(health)),
          (failure: unknown) => this.logger.warn({ err: failure }, 'Replica health could not be answered'),
        );
      },
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }
}

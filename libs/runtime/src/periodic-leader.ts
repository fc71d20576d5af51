import type { Logger } from 'pino';
import { abortableSleep, runWhileLeader } from '@broker/read-models';
import type { ServiceRuntime } from './service-runtime';

/** How often a standing-by replica asks for the lease at most. */
const STANDBY_MS = 1_000;

/**
 * Runs `look` every `intervalMs` on one replica at a time (the holder of the lease `name`) until `stop` aborts. A
 * standby asks for the lease at least every second, so a leader that died is replaced within seconds whatever the
 * interval; a look that fails is logged and tried again at the next turn. Answers when the loop has ended.
 */
export function lookWhileLeader(options: {
  runtime: ServiceRuntime;
  logger: Logger;
  name: string;
  /** For the logs: what looks (`approval step timers`). */
  what: string;
  intervalMs: number;
  stop: AbortSignal;
  look: (signal: AbortSignal) => Promise<void>;
}): Promise<void> {
  const { runtime, logger, name, what, intervalMs, stop, look } = options;
  return runWhileLeader({
    leaderLock: runtime.leaderLock,
    name,
    stop,
    standbyMs: Math.min(intervalMs, STANDBY_MS),
    onLockError: (error) => logger.warn({ lock: name, err: error }, `${what}: cannot ask for the lease; will try again`),
    lead: async (lease) => {
      const signal = AbortSignal.any([stop, lease.signal]);
      while (!signal.aborted) {
        await look(signal).catch((error: unknown) => logger.error({ err: error }, `${what}: a look failed; will look again`));
        await abortableSleep(intervalMs, signal);
      }
    },
  });
}

/** How a LeaderWork looks: under which lease, how often, and what the logs call it. */
export interface LeaderWorkSchedule {
  runtime: ServiceRuntime;
  logger: Logger;
  name: string;
  what: string;
  intervalMs: number;
}

/**
 * Periodic work of a service on one replica at a time: a subclass says what one look does; `start` begins looking
 * under the lease (main.ts calls it), and stopping the application stops it and waits for a look in progress.
 */
export abstract class LeaderWork {
  private readonly stopping = new AbortController();
  private running: Promise<void> | null = null;

  protected constructor(private readonly schedule: LeaderWorkSchedule) {}

  start(): void {
    this.running = lookWhileLeader({ ...this.schedule, stop: this.stopping.signal, look: (signal) => this.look(signal) });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  abstract look(signal?: AbortSignal): Promise<void>;
}

import type { Logger } from 'pino';

/** A Nest application or microservice: closing it runs the lifecycle hooks and closes its transports. */
export interface Closable {
  close(): Promise<void>;
}

export interface ShutdownOptions {
  logger: Logger;
  /** Runs after the app has closed (close pools or clients the app does not own). */
  onShutdown?: () => Promise<void> | void;
  /** The process exits with code 1 if closing takes longer. Default 15000 ms. */
  timeoutMs?: number;
  /** Default SIGINT and SIGTERM. */
  signals?: readonly NodeJS.Signals[];
  /** For tests: the process whose signals are handled and how it exits. */
  process?: Pick<NodeJS.EventEmitter, 'on'>;
  exit?: (code: number) => void;
}

/**
 * On the first SIGINT/SIGTERM: closes the app once (for a microservice that drains its NATS subscriptions and
 * lets in-flight requests answer), runs `onShutdown`, then exits 0; exits 1 when closing fails or exceeds the hard
 * timeout. Later signals are ignored while shutting down. Returns the shutdown function so it can also be called
 * directly (e.g. after a fatal error); it resolves once the process has been told to exit.
 */
export function installShutdown(app: Closable, options: ShutdownOptions): (reason?: string) => Promise<void> {
  const { logger } = options;
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  const target = options.process ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = options.timeoutMs ?? 15_000;
  let running: Promise<void> | undefined;

  const shutdown = (reason = 'shutdown requested'): Promise<void> => {
    running ??= (async () => {
      logger.info({ reason }, 'Shutting down');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      try {
        const outcome = await Promise.race([
          (async () => {
            await app.close();
            await options.onShutdown?.();
            return 'closed' as const;
          })(),
          timedOut,
        ]);
        if (outcome === 'timeout') {
          logger.error({ timeoutMs }, 'Shutdown timed out; exiting');
          exit(1);
          return;
        }
        logger.info('Shut down cleanly');
        exit(0);
      } catch (error) {
        logger.error({ err: error }, 'Shutdown failed');
        exit(1);
      } finally {
        clearTimeout(timer);
      }
    })();
    return running;
  };

  // The listeners stay installed so a repeated signal is ignored instead of killing the process mid-drain.
  for (const signal of signals) target.on(signal, () => void shutdown(signal));
  return shutdown;
}

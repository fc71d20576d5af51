import type { Logger } from 'pino';

/**
 * For a process that can no longer do its work (a connection it cannot live without closed for good): says why at
 * fatal level and exits 1, so its supervisor starts it again. Not for shutdowns, which exit 0 (installShutdown).
 */
export function exitFatally(logger: Logger, reason: string, error?: unknown, exit: (code: number) => void = (code) => process.exit(code)): void {
  logger.fatal(error === undefined ? {} : { err: error }, reason);
  exit(1);
}

import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const NEST_TO_PINO: Record<NestLogLevel, Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * Lets Nest log through pino, so its own lines (bootstrap, route mapping, errors) are JSON too:
 * `app.useLogger(new PinoNestLogger(logger))` or `NestFactory.create(..., { logger: new PinoNestLogger(logger) })`.
 * Nest passes the context (class name) as the last string argument, and a stack before it for errors.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: NestLogLevel, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const fields: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') {
      fields.context = rest.pop();
    }
    if ((level === 'error' || level === 'fatal') && typeof rest[0] === 'string' && rest[0].includes('\n    at ')) {
      fields.stack = rest.shift();
    }
    if (rest.length > 0) fields.params = rest;
    const pinoLevel = NEST_TO_PINO[level];
    if (message instanceof Error) {
      this.logger[pinoLevel]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[pinoLevel]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.logger[pinoLevel](fields, String(message));
    }
  }
}

import pino, { type DestinationStream, type Logger } from 'pino';
import { currentContext } from '../context/correlation-context';
import type { LogLevel } from '../config/base-service.config';

export type { Logger } from 'pino';

const SECRET_KEYS = ['password', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken', 'secret'];

/**
 * Secret fields are censored wherever they appear in a logged object, down to four levels deep (arrays count as a
 * level), plus the authorization and cookie headers of logged requests.
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]),
  ...['authorization', 'cookie'].flatMap((header) => [
    `headers.${header}`,
    `*.headers.${header}`,
    `*.*.headers.${header}`,
  ]),
  'res.headers["set-cookie"]',
];

export interface CreateLoggerOptions {
  service: string;
  level?: LogLevel | string;
  /** Where JSON lines go; stdout by default. Tests pass a stream to capture them. */
  destination?: DestinationStream;
}

/**
 * A pino logger writing JSON lines: `service` on every line, the current correlation context (correlationId,
 * causationId, actor) mixed in, secrets redacted. Fields of the logged object win over the mixed-in ones.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ctx = currentContext();
        if (!ctx) return {};
        const fields: Record<string, string> = { correlationId: ctx.correlationId };
        if (ctx.causationId) fields.causationId = ctx.causationId;
        if (ctx.actor) fields.actor = ctx.actor;
        return fields;
      },
      redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

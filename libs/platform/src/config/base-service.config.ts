import { DEPLOYMENT_NAME_PATTERN } from '@broker/contracts';
import { IsIn, Matches } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const NATS_URLS = /^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/;
const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;

/** Settings every service reads; a service's own config class extends it. */
export class BaseServiceConfig {
  /** One NATS server URL, or several separated by commas. */
  @Matches(NATS_URLS, { message: 'NATS_URL must be a nats:// or tls:// URL (several separated by commas)' })
  NATS_URL = 'nats://127.0.0.1:4222';

  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/broker';

  @Matches(DEPLOYMENT_NAME_PATTERN, {
    message: `DEPLOYMENT_NAME must match ${String(DEPLOYMENT_NAME_PATTERN)} (lower case letter, then up to 29 lower case letters, digits or _)`,
  })
  DEPLOYMENT_NAME = 'broker';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** `NATS_URL` split into the server list the nats client takes. */
  get natsServers(): string[] {
    return this.NATS_URL.split(',');
  }
}

import { DEPLOYMENT_NAME_PATTERN } from '@broker/contracts';
import { IsIn, IsInt, IsIP, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const NATS_URLS = /^(nats|tls):\/\/[^\s,]+(,(nats|tls):\/\/[^\s,]+)*$/;
const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const EVENT_STORE_URL = /^(postgres(ql)?|kurrentdb(\+discover)?|esdb(\+discover)?):\/\/\S+$/;
const READ_STORE_URL = /^(postgres(ql)?|mongodb(\+srv)?):\/\/\S+$/;
export const SCHEMA_MIGRATION_MODES = ['apply', 'verify'] as const;
export type SchemaMigrationMode = (typeof SCHEMA_MIGRATION_MODES)[number];

/** Settings every service reads; a service's own config class extends it. */
export class BaseServiceConfig {
  /** One NATS server URL, or several separated by commas. */
  @Matches(NATS_URLS, { message: 'NATS_URL must be a nats:// or tls:// URL (several separated by commas)' })
  NATS_URL = 'nats://127.0.0.1:4222';

  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/broker';

  /** Where the service's events live: PostgreSQL (default: DATABASE_URL) or KurrentDB (`kurrentdb://`, `esdb://`). */
  @IsOptional()
  @Matches(EVENT_STORE_URL, { message: 'EVENT_STORE_URL must be a postgres://, kurrentdb:// or esdb:// URL' })
  EVENT_STORE_URL?: string;

  /** Where the service's read models live: PostgreSQL (default: DATABASE_URL) or MongoDB (`mongodb://`, a replica set). */
  @IsOptional()
  @Matches(READ_STORE_URL, { message: 'READ_STORE_URL must be a postgres:// or mongodb:// URL' })
  READ_STORE_URL?: string;

  /**
   * `apply`: a service brings its PostgreSQL schema up to date as it starts (development, tests). `verify`: it only
   * checks that `npm run migrate` did, so its database user needs no DDL rights (production).
   */
  @IsIn(SCHEMA_MIGRATION_MODES, { message: `SCHEMA_MIGRATIONS must be one of ${SCHEMA_MIGRATION_MODES.join(', ')}` })
  SCHEMA_MIGRATIONS: SchemaMigrationMode = 'apply';

  @Matches(DEPLOYMENT_NAME_PATTERN, {
    message: `DEPLOYMENT_NAME must match ${String(DEPLOYMENT_NAME_PATTERN)} (lower case letter, then up to 29 lower case letters, digits or _)`,
  })
  DEPLOYMENT_NAME = 'broker';

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  /** The NATS user this service logs in as (docs/adr/0019); unset: no login (a server without authorization). */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,128}$/, { message: 'NATS_USER must be 1 to 128 printable characters without blanks' })
  NATS_USER?: string;

  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,256}$/, { message: 'NATS_PASSWORD must be 1 to 256 printable characters without blanks' })
  NATS_PASSWORD?: string;

  /**
   * Ed25519 public key (PEM) that verifies actor assertions; unset: asked of identity once (docs/adr/0019).
   * Line breaks may be written as `\n`.
   */
  @IsOptional()
  @MaxLength(1000, { message: 'ACTOR_ASSERTION_PUBLIC_KEY must be an Ed25519 public key in PEM' })
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'ACTOR_ASSERTION_PUBLIC_KEY must be an Ed25519 public key in PEM' })
  ACTOR_ASSERTION_PUBLIC_KEY?: string;

  /** A backing service's HTTP probes (GET /live, GET /ready) listen on this port; unset: no probe server. */
  @IsOptional()
  @IsInt({ message: 'PROBE_PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PROBE_PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PROBE_PORT must be an integer between 1 and 65535' })
  PROBE_PORT?: number;

  /** The address the probes listen on: all interfaces by default (a cluster probes the pod's address). */
  @IsIP(undefined, { message: 'PROBE_HOST must be an IP address such as 0.0.0.0 or 127.0.0.1' })
  PROBE_HOST = '0.0.0.0';

  /** `NATS_URL` split into the server list the nats client takes. */
  get natsServers(): string[] {
    return this.NATS_URL.split(',');
  }

  /** The `user` and `pass` connection options of every NATS connection of the service (none when unset). */
  get natsCredentials(): { user?: string; pass?: string } {
    return this.NATS_USER ? { user: this.NATS_USER, pass: this.NATS_PASSWORD ?? '' } : {};
  }
}

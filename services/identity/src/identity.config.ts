import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';
import { BaseServiceConfig } from '@broker/platform';

export class IdentityConfig extends BaseServiceConfig {
  /** Signs access and refresh tokens (HS256). */
  @IsString({ message: 'JWT_SECRET must be set to a random string of at least 32 characters' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET!: string;

  /** Kept short: an access token is checked against its session on every request, but lives on in caches and logs elsewhere. */
  @Type(() => Number)
  @IsInt({ message: 'ACCESS_TOKEN_TTL_SECONDS must be an integer between 60 and 86400' })
  @Min(60, { message: 'ACCESS_TOKEN_TTL_SECONDS must be an integer between 60 and 86400' })
  @Max(86400, { message: 'ACCESS_TOKEN_TTL_SECONDS must be an integer between 60 and 86400' })
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** A session's whole life from login: refreshing rotates its tokens but never extends it. */
  @Type(() => Number)
  @IsInt({ message: 'REFRESH_TOKEN_TTL_SECONDS must be an integer between 300 and 7776000' })
  @Min(300, { message: 'REFRESH_TOKEN_TTL_SECONDS must be an integer between 300 and 7776000' })
  @Max(7776000, { message: 'REFRESH_TOKEN_TTL_SECONDS must be an integer between 300 and 7776000' })
  REFRESH_TOKEN_TTL_SECONDS = 1209600;

  /**
   * Signs actor assertions (docs/adr/0019): an Ed25519 private key in PEM (PKCS #8; line breaks may be written as
   * `\n`). Unset: derived from JWT_SECRET, so every replica holding it signs with the same key.
   */
  @IsOptional()
  @IsString()
  @MaxLength(1000, { message: 'ACTOR_ASSERTION_PRIVATE_KEY must be an Ed25519 private key in PEM' })
  ACTOR_ASSERTION_PRIVATE_KEY?: string;

  /** How long an actor assertion is valid: longer than the longest request, nested calls included. */
  @Type(() => Number)
  @IsInt({ message: 'ACTOR_ASSERTION_TTL_SECONDS must be an integer between 10 and 3600' })
  @Min(10, { message: 'ACTOR_ASSERTION_TTL_SECONDS must be an integer between 10 and 3600' })
  @Max(3600, { message: 'ACTOR_ASSERTION_TTL_SECONDS must be an integer between 10 and 3600' })
  ACTOR_ASSERTION_TTL_SECONDS = 120;

  /** The first platform admin, created on the first start only (api-v1.md, Bootstrap). */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  PLATFORM_ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  PLATFORM_ADMIN_PASSWORD?: string;

  @IsIn(['seed', 'nist'], { message: 'PASSWORD_POLICY must be seed or nist' })
  PASSWORD_POLICY: 'seed' | 'nist' = 'seed';

  /**
   * Login throttling (docs/adr/0017): failed logins count within this window. An (account, source address) pair
   * and an address (across accounts) have hard limits; the account from all addresses together only meets
   * growing delays, so nobody can lock a real user out.
   */
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_THROTTLE_WINDOW_SECONDS must be an integer between 1 and 3600' })
  @Min(1, { message: 'LOGIN_THROTTLE_WINDOW_SECONDS must be an integer between 1 and 3600' })
  @Max(3600, { message: 'LOGIN_THROTTLE_WINDOW_SECONDS must be an integer between 1 and 3600' })
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  /** Failed logins to one account from one address within the window; past them that pair answers 429. */
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_THROTTLE_PAIR_MAX_FAILURES must be an integer between 3 and 1000' })
  @Min(3, { message: 'LOGIN_THROTTLE_PAIR_MAX_FAILURES must be an integer between 3 and 1000' })
  @Max(1000, { message: 'LOGIN_THROTTLE_PAIR_MAX_FAILURES must be an integer between 3 and 1000' })
  LOGIN_THROTTLE_PAIR_MAX_FAILURES = 5;

  /**
   * Failed logins to one account (from all addresses together) within the window before each further attempt
   * must wait a delay after the previous one: 1 s, doubling with every failure, up to the maximum delay.
   */
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES must be an integer between 3 and 1000' })
  @Min(3, { message: 'LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES must be an integer between 3 and 1000' })
  @Max(1000, { message: 'LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES must be an integer between 3 and 1000' })
  LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES = 10;

  /** The longest an account's delay grows: the longest the owner waits while the account is under attack. */
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS must be an integer between 1 and 300' })
  @Min(1, { message: 'LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS must be an integer between 1 and 300' })
  @Max(300, { message: 'LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS must be an integer between 1 and 300' })
  LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS = 30;

  /** How long an account remembers an address it signed in from; from there its delays do not apply (0: never). */
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS must be an integer between 0 and 365' })
  @Min(0, { message: 'LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS must be an integer between 0 and 365' })
  @Max(365, { message: 'LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS must be an integer between 0 and 365' })
  LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS = 30;

  /** Higher than the pair limit: many real users may share one address (an office behind NAT). */
  @Type(() => Number)
  @IsInt({ message: 'LOGIN_THROTTLE_ADDRESS_MAX_FAILURES must be an integer between 3 and 100000' })
  @Min(3, { message: 'LOGIN_THROTTLE_ADDRESS_MAX_FAILURES must be an integer between 3 and 100000' })
  @Max(100000, { message: 'LOGIN_THROTTLE_ADDRESS_MAX_FAILURES must be an integer between 3 and 100000' })
  @ValidateBy({
    name: 'atLeastPairLimit',
    validator: {
      validate: (value: unknown, args) => typeof value === 'number' && value >= (args?.object as IdentityConfig).LOGIN_THROTTLE_PAIR_MAX_FAILURES,
      defaultMessage: () => 'LOGIN_THROTTLE_ADDRESS_MAX_FAILURES must be at least LOGIN_THROTTLE_PAIR_MAX_FAILURES',
    },
  })
  LOGIN_THROTTLE_ADDRESS_MAX_FAILURES = 100;

  /** Rows of CSV imports handled at once per identity process (each holds a database connection while it runs). */
  @Type(() => Number)
  @IsInt({ message: 'USER_IMPORT_CONCURRENCY must be an integer between 1 and 16' })
  @Min(1, { message: 'USER_IMPORT_CONCURRENCY must be an integer between 1 and 16' })
  @Max(16, { message: 'USER_IMPORT_CONCURRENCY must be an integer between 1 and 16' })
  USER_IMPORT_CONCURRENCY = 4;

  /**
   * Of those, rows with a password at once: hashing runs on the libuv thread pool (4 threads by default), which
   * logins need too, so imports may take only part of it.
   */
  @Type(() => Number)
  @IsInt({ message: 'USER_IMPORT_HASHING_CONCURRENCY must be an integer between 1 and 8' })
  @Min(1, { message: 'USER_IMPORT_HASHING_CONCURRENCY must be an integer between 1 and 8' })
  @Max(8, { message: 'USER_IMPORT_HASHING_CONCURRENCY must be an integer between 1 and 8' })
  USER_IMPORT_HASHING_CONCURRENCY = 2;

  /**
   * How long a username claim may wait for its user to be recorded. A claim older than this whose user never
   * appeared is given up by the next registration that wants the name (or by a domain removal), so a registration
   * that died half-way blocks the name no longer than this. Far longer than any request takes.
   */
  @Type(() => Number)
  @IsInt({ message: 'USERNAME_CLAIM_DEADLINE_MS must be an integer between 1000 and 86400000' })
  @Min(1000, { message: 'USERNAME_CLAIM_DEADLINE_MS must be an integer between 1000 and 86400000' })
  @Max(86_400_000, { message: 'USERNAME_CLAIM_DEADLINE_MS must be an integer between 1000 and 86400000' })
  USERNAME_CLAIM_DEADLINE_MS = 60_000;
}

import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateBy } from 'class-validator';
import { BaseServiceConfig } from '@broker/platform';
import { parseTrustedProxies } from './trusted-proxies/trusted-proxies';

export class GatewayConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
  PORT = 3000;

  /** How long the gateway waits for a service to answer, in milliseconds. */
  @Type(() => Number)
  @IsInt({ message: 'RPC_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Min(100, { message: 'RPC_TIMEOUT_MS must be an integer between 100 and 60000' })
  @Max(60000, { message: 'RPC_TIMEOUT_MS must be an integer between 100 and 60000' })
  RPC_TIMEOUT_MS = 10000;

  /** How long a repeated request waits for the first request with its Idempotency-Key to answer, in milliseconds. */
  @Type(() => Number)
  @IsInt({ message: 'IDEMPOTENCY_WAIT_MS must be an integer between 0 and 60000' })
  @Min(0, { message: 'IDEMPOTENCY_WAIT_MS must be an integer between 0 and 60000' })
  @Max(60000, { message: 'IDEMPOTENCY_WAIT_MS must be an integer between 0 and 60000' })
  IDEMPOTENCY_WAIT_MS = 15000;

  /**
   * How many access-token verifications the gateway keeps (ADR 0035): a kept one needs no round trip to identity
   * while the access-revocation bucket says nothing against it. 0 asks identity on every request.
   */
  @Type(() => Number)
  @IsInt({ message: 'VERIFIED_TOKENS_KEPT must be an integer between 0 and 1000000' })
  @Min(0, { message: 'VERIFIED_TOKENS_KEPT must be an integer between 0 and 1000000' })
  @Max(1000000, { message: 'VERIFIED_TOKENS_KEPT must be an integer between 0 and 1000000' })
  VERIFIED_TOKENS_KEPT = 10000;

  /** Requests per window from one source address (every request but /health). */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_ADDRESS_MAX must be an integer between 1 and 10000000' })
  @Min(1, { message: 'RATE_LIMIT_ADDRESS_MAX must be an integer between 1 and 10000000' })
  @Max(10000000, { message: 'RATE_LIMIT_ADDRESS_MAX must be an integer between 1 and 10000000' })
  RATE_LIMIT_ADDRESS_MAX = 12000;

  /** Window of RATE_LIMIT_ADDRESS_MAX, in seconds. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_ADDRESS_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Min(1, { message: 'RATE_LIMIT_ADDRESS_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Max(86400, { message: 'RATE_LIMIT_ADDRESS_WINDOW_SECONDS must be an integer between 1 and 86400' })
  RATE_LIMIT_ADDRESS_WINDOW_SECONDS = 60;

  /** Authenticated requests per window of one user, from any address. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_USER_MAX must be an integer between 1 and 10000000' })
  @Min(1, { message: 'RATE_LIMIT_USER_MAX must be an integer between 1 and 10000000' })
  @Max(10000000, { message: 'RATE_LIMIT_USER_MAX must be an integer between 1 and 10000000' })
  RATE_LIMIT_USER_MAX = 3000;

  /** Window of RATE_LIMIT_USER_MAX, in seconds. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_USER_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Min(1, { message: 'RATE_LIMIT_USER_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Max(86400, { message: 'RATE_LIMIT_USER_WINDOW_SECONDS must be an integer between 1 and 86400' })
  RATE_LIMIT_USER_WINDOW_SECONDS = 60;

  /** Logins and refreshes per window from one source address (beside identity's own login throttle). */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_AUTH_MAX must be an integer between 1 and 10000000' })
  @Min(1, { message: 'RATE_LIMIT_AUTH_MAX must be an integer between 1 and 10000000' })
  @Max(10000000, { message: 'RATE_LIMIT_AUTH_MAX must be an integer between 1 and 10000000' })
  RATE_LIMIT_AUTH_MAX = 600;

  /** Window of RATE_LIMIT_AUTH_MAX, in seconds. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_AUTH_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Min(1, { message: 'RATE_LIMIT_AUTH_WINDOW_SECONDS must be an integer between 1 and 86400' })
  @Max(86400, { message: 'RATE_LIMIT_AUTH_WINDOW_SECONDS must be an integer between 1 and 86400' })
  RATE_LIMIT_AUTH_WINDOW_SECONDS = 60;

  /** How often a gateway replica shares its rate-limit counts with the others, in milliseconds. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_SYNC_INTERVAL_MS must be an integer between 10 and 5000' })
  @Min(10, { message: 'RATE_LIMIT_SYNC_INTERVAL_MS must be an integer between 10 and 5000' })
  @Max(5000, { message: 'RATE_LIMIT_SYNC_INTERVAL_MS must be an integer between 10 and 5000' })
  RATE_LIMIT_SYNC_INTERVAL_MS = 100;

  /** How long GET /health gathers the answers of every backing service's replicas, in milliseconds. */
  @Type(() => Number)
  @IsInt({ message: 'HEALTH_REPLICAS_WAIT_MS must be an integer between 50 and 5000' })
  @Min(50, { message: 'HEALTH_REPLICAS_WAIT_MS must be an integer between 50 and 5000' })
  @Max(5000, { message: 'HEALTH_REPLICAS_WAIT_MS must be an integer between 50 and 5000' })
  HEALTH_REPLICAS_WAIT_MS = 500;

  /** Proxies whose X-Forwarded-For names the client (an ingress, a load balancer): see trusted-proxies.ts. */
  @IsString({ message: 'TRUSTED_PROXIES must be a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal, or none' })
  @ValidateBy({
    name: 'trustedProxies',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && 'proxies' in parseTrustedProxies(value),
      defaultMessage: (args) => {
        const parsed = typeof args?.value === 'string' ? parseTrustedProxies(args.value) : { invalid: [String(args?.value)] };
        const invalid = 'invalid' in parsed ? parsed.invalid.join(', ') : '';
        return `TRUSTED_PROXIES must be a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal, or none (not understood: ${invalid})`;
      },
    },
  })
  TRUSTED_PROXIES = 'loopback';
}

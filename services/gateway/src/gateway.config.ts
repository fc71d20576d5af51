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

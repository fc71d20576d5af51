import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '@broker/platform';

/** An IPv4 address or a bracketed IPv6 address, each with an optional port; several separated by commas. */
const DNS_SERVER = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|[0-9a-fA-F:]+|\[[0-9a-fA-F:]+\](?::\d{1,5})?)`;
const DNS_SERVERS = new RegExp(`^${DNS_SERVER}(?:,${DNS_SERVER})*$`);

export class OrganizationsConfig extends BaseServiceConfig {
  /** Name servers asked for domain verification records; unset: the system's. */
  @IsOptional()
  @Matches(DNS_SERVERS, { message: 'DNS_SERVERS must be IP addresses with optional ports, separated by commas (such as 1.1.1.1,[2606:4700::1111]:53)' })
  DNS_SERVERS?: string;

  @Type(() => Number)
  @IsInt({ message: 'DNS_TIMEOUT_MS must be an integer between 100 and 30000' })
  @Min(100, { message: 'DNS_TIMEOUT_MS must be an integer between 100 and 30000' })
  @Max(30000, { message: 'DNS_TIMEOUT_MS must be an integer between 100 and 30000' })
  DNS_TIMEOUT_MS = 5000;

  /** How long an organization admin has to prove a domain it added (fractions allowed). */
  @Type(() => Number)
  @IsNumber({}, { message: 'DOMAIN_VERIFICATION_TTL_HOURS must be a number of hours between 0.0001 and 8760' })
  @Min(0.0001, { message: 'DOMAIN_VERIFICATION_TTL_HOURS must be a number of hours between 0.0001 and 8760' })
  @Max(8760, { message: 'DOMAIN_VERIFICATION_TTL_HOURS must be a number of hours between 0.0001 and 8760' })
  DOMAIN_VERIFICATION_TTL_HOURS = 168;

  get domainVerificationTtlMs(): number {
    return Math.round(this.DOMAIN_VERIFICATION_TTL_HOURS * 3_600_000);
  }
}

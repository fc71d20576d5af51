import { Resolver } from 'node:dns/promises';
import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@broker/runtime';
import type { OrganizationsConfig } from '../../organizations.config';
import type { VerificationRecord } from '../domain/internet-domain-verification';
import { InternetDomainOwnershipResolver, type OwnershipAnswer } from './internet-domain-ownership-resolver';

/** "No such name" and "no TXT record there" both mean: not published (yet). */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'NOTFOUND']);

/** Asks the name servers of DNS_SERVERS (or the system's) with node's resolver; one try per server, bounded. */
@Injectable()
export class DnsInternetDomainOwnershipResolver extends InternetDomainOwnershipResolver {
  private readonly resolver: Resolver;

  constructor(@Inject(SERVICE_CONFIG) config: Pick<OrganizationsConfig, 'DNS_SERVERS' | 'DNS_TIMEOUT_MS'>) {
    super();
    this.resolver = new Resolver({ timeout: config.DNS_TIMEOUT_MS, tries: 1 });
    if (config.DNS_SERVERS) this.resolver.setServers(config.DNS_SERVERS.split(','));
  }

  async check(record: VerificationRecord): Promise<OwnershipAnswer> {
    try {
      const records = await this.resolver.resolveTxt(record.recordName);
      // A TXT record may arrive split into strings of at most 255 bytes: they form one value.
      return { found: records.some((chunks) => chunks.join('').trim() === record.recordValue) };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && ABSENT.has(code)) return { found: false };
      return { found: false, failure: typeof code === 'string' ? code : 'unknown error' };
    }
  }
}

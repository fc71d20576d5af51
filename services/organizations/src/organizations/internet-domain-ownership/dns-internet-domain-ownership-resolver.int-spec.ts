import { createSocket } from 'node:dgram';
import { TestDnsServer } from '../../../../../test/support/dns-server';
import { DnsInternetDomainOwnershipResolver } from './dns-internet-domain-ownership-resolver';

jest.setTimeout(30_000);

/** The DNS adapter against a real name server on loopback (UDP), and against one that never answers. */
describe('DNS domain ownership resolver', () => {
  const dns = new TestDnsServer();
  const record = { recordName: '_broker-verification.contoso.example', recordValue: 'broker-domain-verification=0123456789abcdef' };

  beforeAll(() => dns.start());
  afterAll(() => dns.stop());

  it('finds the record among other TXT records of the name, and nothing when the name or the value is missing', async () => {
    const resolver = new DnsInternetDomainOwnershipResolver({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: 2000 });
    expect(await resolver.check(record)).toEqual({ found: false });
    dns.txt.set(record.recordName, ['v=spf1 -all', 'broker-domain-verification=something-else']);
    expect(await resolver.check(record)).toEqual({ found: false });
    dns.txt.set(record.recordName, ['v=spf1 -all', record.recordValue]);
    expect(await resolver.check(record)).toEqual({ found: true });
    expect(dns.questions).toContain(record.recordName);
  });

  it('says that the lookup failed when the name server does not answer, within the timeout', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
    try {
      const resolver = new DnsInternetDomainOwnershipResolver({ DNS_SERVERS: `127.0.0.1:${silent.address().port}`, DNS_TIMEOUT_MS: 300 });
      const started = Date.now();
      const answer = await resolver.check(record);
      expect(answer).toEqual({ found: false, failure: expect.any(String) });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

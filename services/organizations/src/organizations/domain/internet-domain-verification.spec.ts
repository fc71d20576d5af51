import { internetDomainViewsOf, isExpired, pendingInternetDomainView, verificationRecordOf } from './internet-domain-verification';

const requestedAt = '2026-03-16T09:00:00.000Z';
const pending = { domain: 'contoso.de', token: 'abc123', requestedAt };
const hour = 3_600_000;

describe('domain verification', () => {
  it('asks for a TXT record under the domain holding the token', () => {
    expect(verificationRecordOf(pending)).toEqual({ recordName: '_broker-verification.contoso.de', recordValue: 'broker-domain-verification=abc123' });
  });

  it('expires a request once its time is up', () => {
    expect(isExpired(pending, hour, new Date('2026-03-16T09:59:59.999Z'))).toBe(false);
    expect(isExpired(pending, hour, new Date('2026-03-16T10:00:00.000Z'))).toBe(true);
    expect(pendingInternetDomainView(pending, hour, new Date('2026-03-16T10:00:00.000Z'))).toMatchObject({ status: 'expired', expiresAt: '2026-03-16T10:00:00.000Z' });
  });

  it('lists the verified domains (primary first) and then the pending ones, the record only to those who manage them', () => {
    const organization = { domains: ['contoso.com', 'contoso.se'], primaryDomain: 'contoso.com', pendingDomains: [pending] };
    const at = new Date('2026-03-16T09:30:00.000Z');
    expect(internetDomainViewsOf(organization, hour, at)).toEqual([
      { domain: 'contoso.com', primary: true, status: 'verified' },
      { domain: 'contoso.se', primary: false, status: 'verified' },
      { domain: 'contoso.de', primary: false, status: 'pending', expiresAt: '2026-03-16T10:00:00.000Z', verification: verificationRecordOf(pending) },
    ]);
    expect(internetDomainViewsOf(organization, hour, at, false)[2]).not.toHaveProperty('verification');
  });
});

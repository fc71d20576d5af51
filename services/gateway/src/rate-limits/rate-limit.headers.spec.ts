import { rateLimitHeaders } from './rate-limit.headers';

describe('RateLimit headers', () => {
  it('lists every policy that applied, as draft-ietf-httpapi-ratelimit-headers-10 structured fields', () => {
    const headers = rateLimitHeaders([
      { policy: { name: 'address', limit: 12000, windowSeconds: 60 }, remaining: 11999, resetSeconds: 42 },
      { policy: { name: 'user', limit: 3000, windowSeconds: 60 }, remaining: -1, resetSeconds: 7 },
    ]);
    expect(headers).toEqual({
      'RateLimit-Policy': '"address";q=12000;w=60, "user";q=3000;w=60',
      RateLimit: '"address";r=11999;t=42, "user";r=0;t=7',
    });
  });
});

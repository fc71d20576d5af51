import { routeLabel } from './gateway-metrics';

describe('routeLabel', () => {
  const request = (fields: Record<string, unknown>) => fields as unknown as Parameters<typeof routeLabel>[0];

  it('names the route template the request matched, never the path with its ids', () => {
    expect(routeLabel(request({ baseUrl: '', route: { path: '/api/v1/organizations/:orgId/orders' }, originalUrl: '/api/v1/organizations/6f1c/orders' })))
      .toBe('/api/v1/organizations/:orgId/orders');
    expect(routeLabel(request({ baseUrl: '/api/v1', route: { path: '/health' } }))).toBe('/api/v1/health');
  });

  it('puts requests no route matched under "unmatched" and the portal\'s files under "portal"', () => {
    expect(routeLabel(request({ originalUrl: '/api/v1/no/such/thing/123?x=1' }))).toBe('unmatched');
    expect(routeLabel(request({ url: '/assets/index-4f2a.js' }))).toBe('portal');
  });
});

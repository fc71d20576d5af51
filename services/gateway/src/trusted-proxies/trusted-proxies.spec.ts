import { ConfigError, loadConfig } from '@broker/platform';
import { GatewayConfig } from '../gateway.config';
import { parseTrustedProxies } from './trusted-proxies';

describe('TRUSTED_PROXIES', () => {
  it('takes addresses, CIDR ranges and the names Express knows, as a list', () => {
    expect(parseTrustedProxies('loopback')).toEqual({ proxies: ['loopback'] });
    expect(parseTrustedProxies(' 10.0.0.0/8, 192.168.1.7 ,fd00::/8, ::1, Uniquelocal')).toEqual({ proxies: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1', 'uniquelocal'] });
  });

  it('trusts no proxy for none', () => {
    expect(parseTrustedProxies('none')).toEqual({ proxies: [] });
  });

  it('refuses what would let any client choose its address, and what is not an address, naming each', () => {
    expect(parseTrustedProxies('true')).toEqual({ invalid: ['true'] });
    expect(parseTrustedProxies('2')).toEqual({ invalid: ['2'] });
    expect(parseTrustedProxies('10.0.0.0/33, 127.0.0.1, proxy.internal, 10.0.0.0/8/1, ::1/129')).toEqual({ invalid: ['10.0.0.0/33', 'proxy.internal', '10.0.0.0/8/1', '::1/129'] });
    expect(parseTrustedProxies(' , ')).toEqual({ invalid: [' , '] });
    expect(parseTrustedProxies('none, 10.0.0.1')).toEqual({ invalid: ['none'] });
  });
});

describe('TRUSTED_PROXIES in the gateway configuration', () => {
  it('trusts loopback by default', () => {
    expect(loadConfig(GatewayConfig, {}).TRUSTED_PROXIES).toBe('loopback');
  });

  it('refuses a bad value at start, naming the variable and the entry', () => {
    let problems: string[] = [];
    try {
      loadConfig(GatewayConfig, { TRUSTED_PROXIES: 'loopback, true' });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems.map((p) => p.message);
    }
    expect(problems).toEqual([expect.stringMatching(/^TRUSTED_PROXIES .*not understood: true\)/)]);
  });
});

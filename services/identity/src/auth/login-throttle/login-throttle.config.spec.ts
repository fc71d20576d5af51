import { ConfigError, loadConfig } from '@broker/platform';
import { IdentityConfig } from '../../identity.config';

const base = { JWT_SECRET: 'x'.repeat(32) };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(IdentityConfig, { ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.message);
    throw error;
  }
  return [];
}

describe('login throttle and import configuration', () => {
  it('has bounded defaults: 5 failures per account and address, 100 per address, delays past 10 per account up to 30 s, within 15 minutes; imports 4 rows at a time, 2 of them hashing', () => {
    const config = loadConfig(IdentityConfig, base);
    expect(config.LOGIN_THROTTLE_WINDOW_SECONDS).toBe(900);
    expect(config.LOGIN_THROTTLE_PAIR_MAX_FAILURES).toBe(5);
    expect(config.LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES).toBe(10);
    expect(config.LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS).toBe(30);
    expect(config.LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS).toBe(30);
    expect(config.LOGIN_THROTTLE_ADDRESS_MAX_FAILURES).toBe(100);
    expect(config.USER_IMPORT_CONCURRENCY).toBe(4);
    expect(config.USER_IMPORT_HASHING_CONCURRENCY).toBe(2);
  });

  it('reads the variables', () => {
    const config = loadConfig(IdentityConfig, {
      ...base, LOGIN_THROTTLE_WINDOW_SECONDS: '5', LOGIN_THROTTLE_PAIR_MAX_FAILURES: '3', LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES: '4', LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS: '2', LOGIN_THROTTLE_ADDRESS_MAX_FAILURES: '3', USER_IMPORT_CONCURRENCY: '4',
    });
    expect([config.LOGIN_THROTTLE_WINDOW_SECONDS, config.LOGIN_THROTTLE_PAIR_MAX_FAILURES, config.LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES, config.LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS, config.LOGIN_THROTTLE_ADDRESS_MAX_FAILURES, config.USER_IMPORT_CONCURRENCY]).toEqual([5, 3, 4, 2, 3, 4]);
  });

  it('refuses windows that could lock a user out for long, and limits out of range, naming the variable', () => {
    expect(problemsOf({ LOGIN_THROTTLE_WINDOW_SECONDS: '86400' })).toEqual([expect.stringContaining('LOGIN_THROTTLE_WINDOW_SECONDS')]);
    expect(problemsOf({ LOGIN_THROTTLE_WINDOW_SECONDS: '0' })).toEqual([expect.stringContaining('LOGIN_THROTTLE_WINDOW_SECONDS')]);
    expect(problemsOf({ LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES: '1' })).toEqual([expect.stringContaining('LOGIN_THROTTLE_ACCOUNT_MAX_FAILURES')]);
    expect(problemsOf({ LOGIN_THROTTLE_PAIR_MAX_FAILURES: '1' })).toEqual([expect.stringContaining('LOGIN_THROTTLE_PAIR_MAX_FAILURES')]);
    // A delay of an hour would be a lock by another name.
    expect(problemsOf({ LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS: '3600' })).toEqual([expect.stringContaining('LOGIN_THROTTLE_ACCOUNT_MAX_DELAY_SECONDS')]);
    expect(problemsOf({ LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS: '-1' })).toEqual([expect.stringContaining('LOGIN_THROTTLE_KNOWN_ADDRESS_DAYS')]);
    expect(problemsOf({ USER_IMPORT_CONCURRENCY: '64' })).toEqual([expect.stringContaining('USER_IMPORT_CONCURRENCY')]);
  });

  it('refuses an address limit below the pair limit', () => {
    expect(problemsOf({ LOGIN_THROTTLE_PAIR_MAX_FAILURES: '20', LOGIN_THROTTLE_ADDRESS_MAX_FAILURES: '10' })).toEqual([
      expect.stringContaining('LOGIN_THROTTLE_ADDRESS_MAX_FAILURES must be at least LOGIN_THROTTLE_PAIR_MAX_FAILURES'),
    ]);
  });
});

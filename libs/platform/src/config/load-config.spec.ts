import { IsBoolean, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { ConfigError } from './config.errors';
import { exitOnConfigError, loadConfig, withoutUserInfo } from './load-config';

class TestConfig extends BaseServiceConfig {
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
  PORT = 3000;

  @IsBoolean()
  OPEN_REGISTRATION = false;

  @IsString()
  @IsNotEmpty()
  JWT_SECRET!: string;
}

function problemsOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('takes defaults from property initialisers and converts numbers and booleans', () => {
    const config = loadConfig(TestConfig, { JWT_SECRET: 's3cret', PORT: '8080', OPEN_REGISTRATION: 'true' });
    expect(config).toBeInstanceOf(TestConfig);
    expect(config.PORT).toBe(8080);
    expect(config.OPEN_REGISTRATION).toBe(true);
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/broker');
    expect(config.DEPLOYMENT_NAME).toBe('broker');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.natsServers).toEqual(['nats://127.0.0.1:4222']);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig(TestConfig, { JWT_SECRET: 'x', PORT: '', LOG_LEVEL: '  ' });
    expect(config.PORT).toBe(3000);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('reads "false" as false, not as a truthy string', () => {
    expect(loadConfig(TestConfig, { JWT_SECRET: 'x', OPEN_REGISTRATION: 'false' }).OPEN_REGISTRATION).toBe(false);
  });

  it('accepts several NATS servers, tls:// and postgresql://', () => {
    const config = loadConfig(TestConfig, {
      JWT_SECRET: 'x',
      NATS_URL: 'nats://a:4222,tls://b:4222',
      DATABASE_URL: 'postgresql://u:p@db/broker',
      LOG_LEVEL: 'debug',
      DEPLOYMENT_NAME: 'staging_2',
    });
    expect(config.natsServers).toEqual(['nats://a:4222', 'tls://b:4222']);
    expect(config.DEPLOYMENT_NAME).toBe('staging_2');
  });

  it('names every bad or missing variable and why in one error', () => {
    const error = problemsOf(() =>
      loadConfig(TestConfig, {
        PORT: 'abc',
        OPEN_REGISTRATION: 'maybe',
        NATS_URL: 'http://127.0.0.1:4222',
        DATABASE_URL: 'mysql://x/y',
        DEPLOYMENT_NAME: 'Bad-Name',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(error.code).toBe('CONFIG.INVALID');
    expect(error.problems.map((p) => p.variable).sort()).toEqual(
      ['DATABASE_URL', 'DEPLOYMENT_NAME', 'JWT_SECRET', 'LOG_LEVEL', 'NATS_URL', 'OPEN_REGISTRATION', 'PORT'].sort(),
    );
    expect(error.message).toContain('PORT must be an integer between 1 and 65535 (got "abc")');
    expect(error.message).toContain('NATS_URL must be a nats:// or tls:// URL');
    expect(error.message).toContain('(got "http://127.0.0.1:4222")');
    expect(error.message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(error.message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(error.message).toMatch(/DEPLOYMENT_NAME must match .* \(got "Bad-Name"\)/);
    expect(error.message).toMatch(/JWT_SECRET .*\(not set\)/);
    expect(error.message).toMatch(/OPEN_REGISTRATION must be a boolean value \(got "maybe"\)/);
  });

  it('rejects an out-of-range number and never echoes a secret', () => {
    const error = problemsOf(() => loadConfig(TestConfig, { PORT: '70000', JWT_SECRET: '   ' }));
    expect(error.message).toContain('PORT must be an integer between 1 and 65535 (got "70000")');
    expect(error.message).toMatch(/JWT_SECRET .*\(not set\)/);

    class SecretConfig {
      @IsInt()
      DB_PASSWORD_ROUNDS!: number;
    }
    const secret = problemsOf(() => loadConfig(SecretConfig, { DB_PASSWORD_ROUNDS: 'hunter2' }));
    expect(secret.message).toContain('got a hidden value');
    expect(secret.message).not.toContain('hunter2');
  });

  it('names the store backends it accepts and hides the credentials of a URL it refuses', () => {
    const error = problemsOf(() =>
      loadConfig(BaseServiceConfig, { READ_STORE_URL: 'redis://app:s3cret@cache:6379', EVENT_STORE_URL: 'mysql://root:pw@db/x', SCHEMA_MIGRATIONS: 'maybe' }),
    );
    expect(error.message).toContain('READ_STORE_URL must be a postgres:// or mongodb:// URL (got "redis://***@cache:6379")');
    expect(error.message).toContain('EVENT_STORE_URL must be a postgres://, kurrentdb:// or esdb:// URL (got "mysql://***@db/x")');
    expect(error.message).toContain('SCHEMA_MIGRATIONS must be one of apply, verify');
    expect(error.message).not.toMatch(/s3cret|root:pw/);
    expect(withoutUserInfo('postgres://app:secret@db:5432/broker')).toBe('postgres://***@db:5432/broker');
    expect(withoutUserInfo('kurrentdb://k:2113?tls=false')).toBe('kurrentdb://k:2113?tls=false');
    const config = loadConfig(BaseServiceConfig, {
      EVENT_STORE_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
      READ_STORE_URL: 'mongodb://127.0.0.1:27017/?replicaSet=rs0',
      SCHEMA_MIGRATIONS: 'verify',
    });
    expect(config).toMatchObject({ EVENT_STORE_URL: 'kurrentdb://127.0.0.1:2113?tls=false', READ_STORE_URL: 'mongodb://127.0.0.1:27017/?replicaSet=rs0', SCHEMA_MIGRATIONS: 'verify' });
  });
});

describe('exitOnConfigError', () => {
  it('prints the problems to stderr and exits 1 on a ConfigError', () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const exit = jest.fn((code: number): never => {
      throw new Error(`exit ${code}`);
    });
    try {
      expect(() => exitOnConfigError(() => loadConfig(TestConfig, { PORT: 'abc' }), exit)).toThrow('exit 1');
    } finally {
      spy.mockRestore();
    }
    expect(exit).toHaveBeenCalledWith(1);
    expect(writes.join('')).toContain('PORT must be an integer between 1 and 65535 (got "abc")');
  });

  it('returns the value and rethrows other errors', () => {
    expect(exitOnConfigError(() => 42)).toBe(42);
    expect(() =>
      exitOnConfigError(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
  });
});

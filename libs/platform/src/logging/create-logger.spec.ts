import { runWithContext } from '../context/correlation-context';
import { createLogger } from './create-logger';
import { PinoNestLogger } from './nest-logger.adapter';

function capture(): { lines: () => Record<string, unknown>[]; destination: { write(line: string): void } } {
  const raw: string[] = [];
  return {
    destination: { write: (line: string) => void raw.push(line) },
    lines: () => raw.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON with the service and the correlation context of the current unit of work', () => {
    const out = capture();
    const logger = createLogger({ service: 'identity', level: 'info', destination: out.destination });
    logger.info('outside');
    runWithContext({ correlationId: 'corr-1', causationId: 'cause-1', actor: 'user-7' }, () => {
      logger.info({ orgId: 'o1' }, 'inside');
    });
    const [outside, inside] = out.lines();
    expect(outside).toMatchObject({ service: 'identity', level: 'info', msg: 'outside' });
    expect(outside).not.toHaveProperty('correlationId');
    expect(inside).toMatchObject({
      service: 'identity',
      msg: 'inside',
      orgId: 'o1',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actor: 'user-7',
    });
  });

  it('keeps the context across awaits', async () => {
    const out = capture();
    const logger = createLogger({ service: 's', destination: out.destination });
    await runWithContext({ correlationId: 'corr-async' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('later');
    });
    expect(out.lines()[0]).toMatchObject({ correlationId: 'corr-async' });
  });

  it('redacts passwords, tokens and authorization headers at any of the first levels', () => {
    const out = capture();
    const logger = createLogger({ service: 's', destination: out.destination });
    logger.info(
      {
        password: 'p0',
        body: { newPassword: 'p1', currentPassword: 'p2', users: [{ password: 'p3' }] },
        result: { accessToken: 't1', refreshToken: 't2', nested: { token: 't3' } },
        req: { headers: { authorization: 'Bearer t4', accept: 'application/json' } },
      },
      'login',
    );
    const text = JSON.stringify(out.lines()[0]);
    for (const secret of ['p0', 'p1', 'p2', 'p3', 't1', 't2', 't3', 'Bearer t4']) {
      expect(text).not.toContain(`"${secret}"`);
    }
    expect(out.lines()[0]).toMatchObject({
      password: '[REDACTED]',
      body: { newPassword: '[REDACTED]', users: [{ password: '[REDACTED]' }] },
      req: { headers: { authorization: '[REDACTED]', accept: 'application/json' } },
    });
  });

  it('honours the level', () => {
    const out = capture();
    const logger = createLogger({ service: 's', level: 'warn', destination: out.destination });
    logger.info('dropped');
    logger.warn('kept');
    expect(out.lines().map((l) => l.msg)).toEqual(['kept']);
  });
});

describe('PinoNestLogger', () => {
  it('maps Nest calls to pino levels with context and stack', () => {
    const out = capture();
    const nest = new PinoNestLogger(createLogger({ service: 's', level: 'trace', destination: out.destination }));
    nest.log('Nest application started', 'NestApplication');
    nest.error('boom', 'Error: boom\n    at x (y.js:1:1)', 'ExceptionsHandler');
    nest.verbose({ a: 1 }, 'Ctx');
    nest.warn('plain');
    const [log, error, verbose, warn] = out.lines();
    expect(log).toMatchObject({ level: 'info', msg: 'Nest application started', context: 'NestApplication' });
    expect(error).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionsHandler' });
    expect(String(error?.stack)).toContain('at x');
    expect(verbose).toMatchObject({ level: 'trace', a: 1, context: 'Ctx' });
    expect(warn).toMatchObject({ level: 'warn', msg: 'plain' });
  });
});

import { createLogger, validationPipe } from '@broker/platform';
import { BadRequestException, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { IsString } from 'class-validator';
import { firstValueFrom } from 'rxjs';
import { RpcErrorFilter } from './rpc-error.filter';

class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

class Dto {
  @IsString() name!: string;
}

function setup() {
  const lines: string[] = [];
  const logger = createLogger({ service: 's', destination: { write: (l: string) => void lines.push(l) } });
  return { filter: new RpcErrorFilter(logger), logs: () => lines.join('') };
}

describe('RpcErrorFilter', () => {
  it('sends a typed domain error as { code, message, details }', () => {
    const { filter } = setup();
    expect(filter.toPayload(new DomainError('THING.NOT_FOUND', 'Thing t1 not found', { id: 't1' }))).toEqual({
      code: 'THING.NOT_FOUND',
      message: 'Thing t1 not found',
      details: { id: 't1' },
    });
  });

  it('sends a VALIDATION domain error with its field errors in details as a validation failure', () => {
    const { filter } = setup();
    const error = new DomainError('VALIDATION', 'The user is not valid', { errors: [{ field: 'password', message: 'Password must contain a digit' }] });
    expect(filter.toPayload(error)).toEqual({
      code: 'VALIDATION',
      message: 'The user is not valid',
      errors: [{ field: 'password', message: 'Password must contain a digit' }],
    });
  });

  it('sends validation failures as VALIDATION with field errors', async () => {
    const { filter } = setup();
    const failure = await validationPipe()
      .transform({ name: 1, extra: 2 }, { type: 'body', metatype: Dto })
      .catch((e: unknown) => e);
    expect(filter.toPayload(failure)).toEqual({
      code: 'VALIDATION',
      message: 'Validation failed',
      errors: expect.arrayContaining([
        { field: 'name', message: 'name must be a string' },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    });
    expect(filter.toPayload(new BadRequestException(['name must be a string']))).toMatchObject({
      code: 'VALIDATION',
      errors: [{ field: 'name', message: 'name must be a string' }],
    });
  });

  it('hides unknown errors and system errors, logging them with their stack', () => {
    const { filter, logs } = setup();
    const system = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432'), { code: 'ECONNREFUSED' });
    expect(filter.toPayload(system)).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(filter.toPayload(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(filter.toPayload('a string')).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    expect(logs()).toContain('ECONNREFUSED 10.1.2.3');
    expect(logs()).toContain('"stack"');
  });

  it('answers STORE.UNAVAILABLE for a transient store failure, at warn level, without its details', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 's', destination: { write: (l: string) => void lines.push(l) } });
    const transient = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const filter = new RpcErrorFilter(logger, { isTransient: (error) => (error as { code?: unknown }).code === '57P01' });
    expect(filter.toPayload(transient)).toEqual({ code: 'STORE.UNAVAILABLE', message: 'The service cannot reach its store right now; try again shortly' });
    expect(filter.toPayload(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL', message: 'Internal error' });
    const levels = lines.map((l) => (JSON.parse(l) as { level: string }).level);
    expect(levels).toEqual(['warn', 'error']);
    expect(setup().filter.toPayload(transient)).toEqual({ code: 'INTERNAL', message: 'Internal error' });
  });

  it('maps Nest HttpExceptions and RpcExceptions carrying a code', () => {
    const { filter } = setup();
    expect(filter.toPayload(new NotFoundException('nope'))).toEqual({ code: 'HTTP.NOT_FOUND', message: 'nope' });
    expect(filter.toPayload(new RpcException({ code: 'ORDER.CONFLICT', message: 'busy' }))).toEqual({
      code: 'ORDER.CONFLICT',
      message: 'busy',
    });
  });

  it('answers with an observable that fails with the payload', async () => {
    const { filter } = setup();
    await expect(
      firstValueFrom(filter.catch(new DomainError('A.B', 'ab'), {} as ArgumentsHost)),
    ).rejects.toEqual({ code: 'A.B', message: 'ab' });
  });
});

import { BadRequestException, HttpException, HttpStatus, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createLogger } from '../logging/create-logger';
import { ProblemDetailsFilter } from './problem-details.filter';
import { validationPipe, ValidationFailedException } from './validation';

function setup() {
  const lines: string[] = [];
  const logger = createLogger({ service: 'gateway', destination: { write: (l: string) => void lines.push(l) } });
  return { filter: new ProblemDetailsFilter(logger), logs: () => lines.join('') };
}

function fakeHttpHost() {
  const headers: Record<string, string> = {};
  const res = {
    statusCode: 200,
    headersSent: false,
    body: '',
    setHeader: (k: string, v: string) => void (headers[k.toLowerCase()] = v),
    end: (chunk?: string) => void (res.body = chunk ?? ''),
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  return { host, res, headers };
}

class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

class Item {
  @IsString() name!: string;
}
class Order {
  @IsInt() @Min(1) quantity!: number;
  @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
}

describe('ProblemDetailsFilter', () => {
  it('writes problem+json with the status of an HttpException', () => {
    const { filter } = setup();
    const { host, res, headers } = fakeHttpHost();
    filter.catch(new NotFoundException('Organization not found'), host);
    expect(res.statusCode).toBe(404);
    expect(headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'Organization not found',
    });
  });

  it('lists field errors of the validation pipe, nested fields as dotted paths, unknown fields too', async () => {
    const { filter } = setup();
    const pipe = validationPipe();
    const error = await pipe
      .transform({ quantity: 0, items: [{ name: 5 }], extra: true }, { type: 'body', metatype: Order })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedException);
    const body = filter.toProblem(error);
    expect(body).toMatchObject({ status: 400, title: 'Bad Request', detail: 'Validation failed', code: 'VALIDATION' });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'quantity', message: 'quantity must not be less than 1' },
        { field: 'items.0.name', message: 'name must be a string' },
        { field: 'extra', message: 'property extra should not exist' },
      ]),
    );
  });

  it("turns the stock ValidationPipe's string messages into field errors", () => {
    const { filter } = setup();
    const body = filter.toProblem(
      new BadRequestException(['name must be a string', 'property foo should not exist']),
    );
    expect(body.status).toBe(400);
    expect(body.errors).toEqual([
      { field: 'name', message: 'name must be a string' },
      { field: 'foo', message: 'property foo should not exist' },
    ]);
  });

  it('keeps the status and code of a coded error with a status (an RpcCallError)', () => {
    const { filter } = setup();
    expect(filter.toProblem(new CodedError('APPROVAL.ALREADY_DECIDED', 'Already decided', 409))).toEqual({
      type: 'urn:broker:problem:APPROVAL.ALREADY_DECIDED',
      title: 'Conflict',
      status: 409,
      detail: 'Already decided',
      code: 'APPROVAL.ALREADY_DECIDED',
    });
    const mapped = new ProblemDetailsFilter(createLogger({ service: 'g', level: 'silent' }), {
      statusForCode: (code) => (code.endsWith('.NOT_FOUND') ? 404 : 500),
    });
    expect(mapped.toProblem(new CodedError('USER.NOT_FOUND', 'No such user')).status).toBe(404);
  });

  it('answers 500 with a generic detail for anything else, and logs the stack', () => {
    const { filter, logs } = setup();
    const { host, res } = fakeHttpHost();
    filter.catch(new TypeError('cannot read properties of undefined (secret internals)'), host);
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred',
    });
    expect(res.body).not.toContain('secret internals');
    expect(logs()).toContain('secret internals');
    expect(logs()).toContain('"stack"');
  });

  it('hides the message of a coded 500 and of an InternalServerError', () => {
    const { filter } = setup();
    expect(filter.toProblem(new CodedError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.5:5432')).detail).toBe(
      'An unexpected error occurred',
    );
    expect(filter.toProblem(new HttpException('db down', 500)).detail).toBe('An unexpected error occurred');
  });

  it('maps body-parser errors: 413 too large, 400 malformed JSON', () => {
    const { filter } = setup();
    const tooLarge = Object.assign(new Error('request entity too large'), {
      type: 'entity.too.large',
      status: 413,
      expose: true,
    });
    expect(filter.toProblem(tooLarge)).toMatchObject({ status: 413, title: 'Payload Too Large' });
    const malformed = Object.assign(new SyntaxError('Unexpected token'), {
      type: 'entity.parse.failed',
      status: 400,
      expose: true,
    });
    expect(filter.toProblem(malformed)).toMatchObject({ status: 400 });
  });

  it('passes 429 through', () => {
    const { filter } = setup();
    expect(filter.toProblem(new HttpException('ThrottlerException: Too Many Requests', HttpStatus.TOO_MANY_REQUESTS))).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
    });
  });

  it('answers 503 with Retry-After for a transient failure (STORE.UNAVAILABLE, RPC.UNAVAILABLE), never for a 500', () => {
    const filter = new ProblemDetailsFilter(createLogger({ service: 'g', level: 'silent' }), {
      statusForCode: (code) => (code.endsWith('.UNAVAILABLE') ? 503 : 500),
    });
    const store = fakeHttpHost();
    filter.catch(new CodedError('STORE.UNAVAILABLE', 'The service cannot reach its store right now; try again shortly'), store.host);
    expect(store.res.statusCode).toBe(503);
    expect(store.headers['retry-after']).toBe('2');
    expect(JSON.parse(store.res.body)).toEqual({
      type: 'urn:broker:problem:STORE.UNAVAILABLE',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The service cannot reach its store right now; try again shortly',
      code: 'STORE.UNAVAILABLE',
    });

    const timeout = fakeHttpHost();
    filter.catch(new CodedError('RPC.UNAVAILABLE', 'No answer to things.get within 10000 ms', 503), timeout.host);
    expect(timeout.res.statusCode).toBe(503);
    expect(timeout.headers['retry-after']).toBe('2');

    const named = fakeHttpHost();
    const slow = new ProblemDetailsFilter(createLogger({ service: 'g', level: 'silent' }), { retryAfterSeconds: 5 });
    slow.catch(Object.assign(new CodedError('STORE.UNAVAILABLE', 'x', 503), { details: { retryAfterSeconds: 0.2 } }), named.host);
    expect(named.headers['retry-after']).toBe('1');
    const configured = fakeHttpHost();
    slow.catch(new CodedError('RPC.UNAVAILABLE', 'x', 503), configured.host);
    expect(configured.headers['retry-after']).toBe('5');

    const internal = fakeHttpHost();
    filter.catch(new CodedError('SOMETHING.BROKE', 'x'), internal.host);
    expect(internal.res.statusCode).toBe(500);
    expect(internal.headers['retry-after']).toBeUndefined();
  });

  it('sets Retry-After from details.retryAfterSeconds of a throttled coded error (429 only)', () => {
    const { filter } = setup();
    const throttled = Object.assign(new CodedError('AUTH.THROTTLED', 'Too many failed logins', 429), { details: { retryAfterSeconds: 42.2 } });
    const { host, res, headers } = fakeHttpHost();
    filter.catch(throttled, host);
    expect(res.statusCode).toBe(429);
    expect(headers['retry-after']).toBe('43');
    expect(JSON.parse(res.body)).toMatchObject({ status: 429, code: 'AUTH.THROTTLED' });

    const notThrottled = Object.assign(new CodedError('USER.NOT_FOUND', 'x', 404), { details: { retryAfterSeconds: 5 } });
    const other = fakeHttpHost();
    filter.catch(notThrottled, other.host);
    expect(other.headers['retry-after']).toBeUndefined();
  });
});

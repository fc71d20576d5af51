import {
  Body,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Module,
  Post,
  Res,
  type INestApplication,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsString, MaxLength } from 'class-validator';
import type { ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { currentCorrelationId } from '../context/correlation-context';
import { correlationMiddleware } from '../logging/correlation.middleware';
import { createLogger } from '../logging/create-logger';
import { httpLoggerParams } from '../logging/http-logger.options';
import { PinoNestLogger } from '../logging/nest-logger.adapter';
import { ProblemDetailsFilter } from './problem-details.filter';
import { validationPipe } from './validation';

// The gateway's HTTP pieces together on a real Express server on loopback (no NATS, no database).

const lines: string[] = [];
const logger = createLogger({ service: 'gateway', level: 'debug', destination: { write: (l: string) => void lines.push(l) } });
const logLines = () => lines.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

class CreateThing {
  @IsString()
  @MaxLength(20)
  name!: string;
}

@Controller('things')
class ThingsController {
  @Post()
  async create(@Body() body: CreateThing): Promise<{ name: string; correlationId: string | undefined }> {
    await new Promise((resolve) => setTimeout(resolve, 5));
    logger.info({ name: body.name, password: 'do-not-log' }, 'creating thing');
    return { name: body.name, correlationId: currentCorrelationId() };
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @Get('throttled')
  throttled(@Res({ passthrough: true }) res: ServerResponse): never {
    res.setHeader('Retry-After', '7');
    throw new HttpException('ThrottlerException: Too Many Requests', HttpStatus.TOO_MANY_REQUESTS);
  }
}

@Module({ imports: [LoggerModule.forRoot(httpLoggerParams(logger))], controllers: [ThingsController] })
class GatewayTestModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*');
  }
}

describe('gateway HTTP pipeline (problem+json, correlation, logging)', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    const nest = await NestFactory.create<NestExpressApplication>(GatewayTestModule, {
      logger: new PinoNestLogger(logger),
      bodyParser: false,
    });
    nest.useBodyParser('json', { limit: '1kb' });
    nest.useGlobalPipes(validationPipe());
    nest.useGlobalFilters(new ProblemDetailsFilter(logger));
    await nest.listen(0, '127.0.0.1');
    app = nest;
    const address = nest.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/things`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

  it('adopts the caller correlation id, runs the handler in its context and echoes the header', async () => {
    const res = await post(JSON.stringify({ name: 'a' }), { 'x-correlation-id': 'corr-from-client' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-correlation-id')).toBe('corr-from-client');
    expect(await res.json()).toEqual({ name: 'a', correlationId: 'corr-from-client' });
    const appLine = logLines().find((l) => l.msg === 'creating thing');
    expect(appLine).toMatchObject({ service: 'gateway', correlationId: 'corr-from-client', password: '[REDACTED]' });
    const requestLine = logLines().find((l) => l.msg === 'request completed' && l.correlationId === 'corr-from-client');
    expect(requestLine).toBeDefined();
  });

  it('generates a UUID when the caller sends none (or an unusable one)', async () => {
    const res = await post(JSON.stringify({ name: 'b' }), { 'x-correlation-id': 'bad id with spaces' });
    const id = res.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { correlationId: string }).correlationId).toBe(id);
  });

  it('answers invalid input and unknown fields as a 400 problem with field errors', async () => {
    const res = await post(JSON.stringify({ name: 'x'.repeat(30), color: 'red' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { errors: { field: string }[] };
    expect(body).toMatchObject({ type: 'urn:broker:problem:VALIDATION', title: 'Bad Request', status: 400, detail: 'Validation failed', code: 'VALIDATION' });
    expect(body.errors.map((e) => e.field).sort()).toEqual(['color', 'name']);
  });

  it('answers 413 for a body over the limit and 400 for malformed JSON', async () => {
    const large = await post(JSON.stringify({ name: 'y'.repeat(5000) }));
    expect(large.status).toBe(413);
    expect(large.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await large.json()).toMatchObject({ status: 413, title: 'Payload Too Large' });
    const malformed = await post('{"name":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers an unexpected error as a generic 500 without internals', async () => {
    const res = await fetch(`${base}/things/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred',
    });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(' at ');
  });

  it('passes 429 through with its Retry-After header', async () => {
    const res = await fetch(`${base}/things/throttled`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });
});

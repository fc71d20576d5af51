import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { ValidationFailedException, type FieldError } from '@broker/platform';
import { inputProblems } from './input-checks';

/** What a handler reads of the request, from its parameter decorators. */
interface HandlerInputs {
  body: boolean;
  /** undefined: the whole query (a DTO validates it); otherwise the names it reads. */
  queryNames: string[] | undefined;
}

function handlerInputs(context: ExecutionContext): HandlerInputs {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, { data?: unknown }>;
  const inputs: HandlerInputs = { body: false, queryNames: [] };
  for (const [key, { data }] of Object.entries(args)) {
    const type = Number(key.split(':')[0]);
    if (type === RouteParamtypes.BODY || type === RouteParamtypes.RAW_BODY || type === RouteParamtypes.REQUEST) inputs.body = true;
    if (type === RouteParamtypes.QUERY) {
      if (typeof data === 'string') inputs.queryNames?.push(data);
      else inputs.queryNames = undefined;
    }
  }
  return inputs;
}

/** A request body with bytes in it, whatever its type (parsed or not). */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const isEmptyObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** Request headers the gateway reads as text. */
const READ_HEADERS = ['idempotency-key', 'if-match', 'if-none-match'] as const;

/**
 * The gateway's check of every request before anything reads it (ADR 0021): text the stores cannot hold (NUL, lone
 * surrogates) in the body, query, route parameters and the headers we read; nesting deeper than 32 levels;
 * prototype keys; a body on a route that takes none (an empty JSON object `{}` carries nothing and passes); query
 * parameters on a route that reads none. Answers 400 with `errors: [{ field, message }]` like validation does.
 */
@Injectable()
export class InputHygieneGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const inputs = handlerInputs(context);
    const errors: FieldError[] = [];

    if (!inputs.body && hasBody(request) && !isEmptyObject(request.body)) {
      errors.push({ field: 'body', message: 'this endpoint takes no request body' });
    } else if (request.body !== undefined) {
      errors.push(...inputProblems(request.body));
    }

    const query = (request.query ?? {}) as Record<string, unknown>;
    errors.push(...inputProblems(query));
    if (inputs.queryNames) {
      for (const name of Object.keys(query)) {
        if (!inputs.queryNames.includes(name)) errors.push({ field: name, message: `property ${name} should not exist` });
      }
    }

    errors.push(...inputProblems(request.params ?? {}));
    for (const name of READ_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') errors.push(...inputProblems(value, headerName(name)));
    }

    if (errors.length > 0) throw new ValidationFailedException(dedupe(errors));
    return true;
  }
}

const headerName = (name: string): string => name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.field}\n${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

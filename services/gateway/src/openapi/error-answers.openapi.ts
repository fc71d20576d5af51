import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from './route-access.openapi';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';

/** What ProblemDetailsFilter (@broker/platform) writes for every error. */
const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details: every error of the API',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', description: '`urn:broker:problem:<code>` when the error has a code, `about:blank` otherwise', example: 'urn:broker:problem:APPROVAL.ALREADY_DECIDED' },
    title: { type: 'string', description: 'The HTTP reason phrase of the status', example: 'Conflict' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 409 },
    detail: { type: 'string', description: 'What went wrong, for people', example: 'The approval was already decided' },
    code: { type: 'string', description: 'Stable error code, when the error has one: switch on it, not on `detail`', example: 'APPROVAL.ALREADY_DECIDED' },
    errors: {
      type: 'array',
      description: 'Each invalid field of a 400 (every broken rule at once)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'Dotted path of the field', example: 'items.0.name' },
          message: { type: 'string', example: 'name must be shorter than or equal to 200 characters' },
        },
      },
    },
  },
};

const RETRY_AFTER = { description: 'Seconds after which the request may be sent again', schema: { type: 'integer', minimum: 0 } };

function operations(document: OpenAPIObject): [string, OperationObject][] {
  return Object.entries(document.paths).flatMap(([route, path]) =>
    METHODS.flatMap((method) => (path[method] ? [[route, path[method]] as [string, OperationObject]] : [])),
  );
}

function addIfMissing(operation: OperationObject, status: string, description: string): void {
  if (!operation.responses[status]) operation.responses[status] = { description };
}

/**
 * Adds the error answers that follow from a route's metadata rather than its own code, so no route can forget them:
 * 400 everywhere (validated input, and unknown query parameters or a stray body anywhere), 401 on every route but
 * @Public() ones (which get an explicit empty `security`), 403 naming the roles of @Roles(), 404 where the path names
 * something, 503 where the gateway waits on a service. Answers a route documents itself keep their description.
 */
export function documentErrorAnswers(document: OpenAPIObject): OpenAPIObject {
  for (const [route, operation] of operations(document)) {
    const extensions = operation as unknown as Record<string, unknown>;
    const isPublic = extensions[PUBLIC_EXTENSION] === true;
    const roles = extensions[ROLES_EXTENSION] as string[] | undefined;
    delete extensions[PUBLIC_EXTENSION];
    delete extensions[ROLES_EXTENSION];

    addIfMissing(operation, '400', 'Invalid input: `errors` lists each invalid field; also an unknown query parameter or a body on a route that takes none');
    if (isPublic) {
      operation.security = [];
    } else {
      if (!operation.security || operation.security.length === 0) operation.security = [{ bearer: [] }];
      addIfMissing(operation, '401', 'No valid access token: missing, malformed or expired, its session ended, or its user was disabled');
    }
    if (roles) {
      const allowed = `roles allowed: ${roles.join(', ')}`;
      const existing = operation.responses['403'] as ResponseObject | undefined;
      operation.responses['403'] = { ...existing, description: existing ? `${existing.description} (${allowed})` : `Your role may not do this (${allowed})` };
    }
    if ((operation.parameters ?? []).some((parameter) => 'in' in parameter && parameter.in === 'path')) {
      addIfMissing(operation, '404', 'No such resource, or one of another tenant');
    }
    if (!/\/health(\/live|\/ready)?$/.test(route)) {
      addIfMissing(operation, '503', 'Not done, safe to retry (see Retry-After): a service is briefly away');
    }
  }
  return document;
}

/**
 * Gives every 4xx and 5xx answer that has no body of its own the shared `Problem` schema as `application/problem+json`,
 * and every 503 its Retry-After (ProblemDetailsFilter sets it). Runs last, after every answer is in.
 */
export function documentProblemBodies(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA } };
  for (const [, operation] of operations(document)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!response || '$ref' in response || Number(status) < 400) continue;
      if (response.content) continue;
      response.content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } };
      if (status === '503') response.headers = { 'Retry-After': RETRY_AFTER, ...response.headers };
    }
  }
  return document;
}

import { statusForCode } from '@broker/messaging';

/** What every operation of the gateway's OpenAPI document must say (docs/adr/0025-openapi-document.md, 0029). */

interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}

interface Operation {
  operationId?: string;
  security?: Record<string, unknown>[];
  parameters?: { in: string; name: string }[];
  responses: Record<string, Response>;
  /** The error codes the operation may answer besides the implicit ones (from the contracts it calls). */
  'x-error-codes'?: string[];
}

export interface OpenApiDocument {
  info: { license?: { name?: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const OPERATION_ID = /^[a-z][A-Za-z]+$/;
const PROBLEM_REF = '#/components/schemas/Problem';

/**
 * Every broken rule, one line each (`get /api/v1/me: no 401`); empty when the document is complete. `publicOperations`
 * are the operation ids that take no access token.
 */
export function openApiFindings(document: OpenApiDocument, publicOperations: readonly string[]): string[] {
  const findings: string[] = [];
  if (document.info.license?.name !== 'Apache-2.0') findings.push('info.license is not Apache-2.0');
  if (!document.servers || document.servers.length === 0) findings.push('no servers');
  const problem = document.components?.schemas?.Problem as { required?: string[] } | undefined;
  if (!problem?.required?.includes('status')) findings.push('no Problem schema component');
  const ids = new Set<string>();
  for (const [route, path] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(path)) {
      if (!METHODS.includes(method)) continue;
      const where = `${method} ${route}`;
      const say = (finding: string) => findings.push(`${where}: ${finding}`);
      const id = operation.operationId ?? '';
      if (!OPERATION_ID.test(id)) say(`operationId ${JSON.stringify(id)} is not lowerCamelCase`);
      if (ids.has(id)) say(`operationId ${id} is not unique`);
      ids.add(id);
      const isPublic = publicOperations.includes(id);
      const responses = operation.responses;
      const success = Object.entries(responses).filter(([status]) => status.startsWith('2'));
      if (success.length === 0) say('no 2xx answer');
      for (const [status, response] of success) {
        if (status !== '204' && !Object.values(response.content ?? {}).some((media) => media.schema)) say(`${status} has no schema`);
      }
      if (!responses['400']) say('no 400');
      if (isPublic) {
        if (!Array.isArray(operation.security) || operation.security.length > 0) say('public but its security is not []');
      } else {
        if (!operation.security?.some((requirement) => 'bearer' in requirement)) say('no bearer security');
        if (!responses['401']) say('no 401');
      }
      if ((operation.parameters ?? []).some((parameter) => parameter.in === 'path') && !responses['404']) say('a path parameter but no 404');
      const isHealth = /\/health(\/live|\/ready)?$/.test(route);
      if (!isHealth) {
        if (!responses['429']?.headers?.['Retry-After']) say('no 429 with Retry-After');
        if (!responses['503']?.headers?.['Retry-After']) say('no 503 with Retry-After');
      }
      const codes = operation['x-error-codes'];
      if (!Array.isArray(codes)) say('no x-error-codes: the route does not name the contracts it calls (@Answers)');
      for (const code of codes ?? []) {
        const status = String(statusForCode(code));
        if (!responses[status]?.description?.includes(code)) say(`${code} answers ${status}, which does not name it`);
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400 || (isHealth && status === '503')) continue;
        const schema = response.content?.['application/problem+json']?.schema as { $ref?: string } | undefined;
        if (schema?.$ref !== PROBLEM_REF) say(`${status} is not application/problem+json with the Problem schema`);
        if (!response.description) say(`${status} has no description`);
      }
    }
  }
  return findings;
}

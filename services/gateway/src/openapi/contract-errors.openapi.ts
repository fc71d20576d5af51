import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IMPLICIT_RPC_ERRORS } from '@broker/contracts';
import { statusForCode } from '@broker/messaging';
import { ANSWERS_EXTENSION, GATEWAY_CODES_EXTENSION } from './answers.decorator';

/** Published on every operation: the error codes it may answer besides the implicit ones, sorted. */
export const ERROR_CODES_EXTENSION = 'x-error-codes';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** What an answer of this status means when the route says nothing of its own. */
const STATUS_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input',
  '401': 'Not authenticated',
  '403': 'Your role may not do this',
  '404': 'No such resource, or one of another tenant',
  '409': 'Conflicts with the current state of the resource',
  '412': 'If-Match names a version the resource is no longer at: read it again, then retry',
  '422': 'An Idempotency-Key or request id was used before for a different request',
  '429': 'Too many attempts: try again after Retry-After',
};

/**
 * Documents the error codes of the contracts each route calls (@Answers(), plus the gateway's own that a step before
 * marked, such as the Idempotency-Key's): for each status the codes map to (statusForCode, as the gateway answers
 * them), an answer whose description names its codes, so 409, 412 and 422 appear wherever a route can answer them.
 * The codes also go in `x-error-codes`. Runs after documentErrorAnswers, so the generic descriptions get the codes
 * appended.
 */
export function documentContractErrors(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (operation) documentOperation(operation);
    }
  }
  return document;
}

function documentOperation(operation: OperationObject): void {
  const extensions = operation as unknown as Record<string, unknown>;
  const declared = extensions[ANSWERS_EXTENSION] as string[] | undefined;
  const gateways = (extensions[GATEWAY_CODES_EXTENSION] as string[] | undefined) ?? [];
  delete extensions[ANSWERS_EXTENSION];
  delete extensions[GATEWAY_CODES_EXTENSION];
  const codes = [...new Set([...(declared ?? []), ...gateways])].filter((code) => !IMPLICIT_RPC_ERRORS.includes(code)).sort();
  // A route without @Answers() gets no list, which the e2e check of the document refuses.
  if (declared) extensions[ERROR_CODES_EXTENSION] = codes;
  const byStatus = new Map<string, string[]>();
  for (const code of codes) {
    const status = String(statusForCode(code));
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, statusCodes] of byStatus) {
    const existing = operation.responses[status] as ResponseObject | undefined;
    const base = (existing?.description ?? STATUS_DESCRIPTIONS[status] ?? 'Refused').replace(/\.$/, '');
    const named = statusCodes.map((code) => `\`${code}\``).join(', ');
    operation.responses[status] = { ...existing, description: `${base}. Codes: ${named}` };
  }
}

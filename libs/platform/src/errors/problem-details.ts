import { STATUS_CODES } from 'node:http';
import type { FieldError } from './validation';

/** RFC 9457 problem details, as the HTTP API answers every error (`application/problem+json`). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Field messages of a 400. */
  errors?: FieldError[];
  /** The stable error code, when the error carried one (`APPROVAL.ALREADY_DECIDED`). */
  code?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  const body: ProblemDetails = {
    type: extra.code ? `urn:broker:problem:${extra.code}` : 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
  };
  if (extra.errors && extra.errors.length > 0) body.errors = extra.errors;
  if (extra.code) body.code = extra.code;
  return body;
}

/**
 * An answer given before, given again as it was (the repeat of a request with the same idempotency key). The filter
 * writes its problem and headers unchanged.
 */
export class RepeatedProblem extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail);
    this.name = 'RepeatedProblem';
  }
}

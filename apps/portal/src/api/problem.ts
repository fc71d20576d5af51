import type { components } from './schema.gen';

export type Problem = components['schemas']['Problem'];

/** An error answer of the API (problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? (status === 0 ? 'The server could not be reached. Try again.' : `The server answered ${status}.`));
    this.name = 'ApiError';
  }

  /** Field messages of a 400, keyed by the field's dotted path. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { field, message } of this.problem?.errors ?? []) byField[field] = byField[field] ? `${byField[field]}; ${message}` : message;
    return byField;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer, or an ApiError carrying the problem. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.error !== undefined || !result.response.ok) throw new ApiError(result.response.status, (result.error as Problem | undefined) ?? null);
  return result.data as T;
}

/** What to show a person for any error thrown while talking to the API. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'The server could not be reached. Try again.';
}

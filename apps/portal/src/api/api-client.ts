import createClient from 'openapi-fetch';
import { session } from '../auth/session-store';
import type { paths } from './schema.gen';

/**
 * Every other call: the access token on each request; an answer of 401 triggers one refresh of the session and one
 * retry, and when that fails too the session has expired (the app goes back to /login, keeping the wanted URL).
 */
export const api = createClient<paths>({ baseUrl: '', fetch: authorizedFetch });

async function authorizedFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const token = session.accessToken;
  const first = await fetch(withToken(request, token));
  if (first.status !== 401) return first;
  // Another request may have refreshed the session while this one was on its way.
  const refreshed = session.accessToken !== token || (await session.refresh());
  if (!refreshed) {
    session.expire();
    return first;
  }
  const second = await fetch(withToken(retry, session.accessToken));
  if (second.status === 401) session.expire();
  return second;
}

function withToken(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/** A new key for a POST that changes something, so a retried request is not applied twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

import type { LookupFunction } from 'node:net';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ResolvedAddress } from '../url-policy/url-policy';
import type { AttemptResult } from './delivery-schedule';

export interface WebhookPost {
  url: URL;
  /** The address the URL policy checked: the connection goes there, never to a new lookup's answer. */
  address: ResolvedAddress;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Answers the checked address whatever is asked (Node asks for one address or, with autoSelectFamily, for all). */
export function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
}

/** Error codes and messages without anything from the request (no headers, no secret). */
function errorText(error: unknown, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `timeout after ${timeoutMs} ms`;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return code === 'ABORT_ERR' ? 'aborted' : code;
  return typeof message === 'string' ? message.slice(0, 200) : 'network error';
}

/**
 * One POST, redirects never followed (Node's client does not follow them; the 3xx is the answer). Settles with the
 * status once the response headers are in (the body is drained and dropped), or with the error: refused, reset, TLS,
 * or no answer within `timeoutMs`.
 */
export function postWebhook(post: WebhookPost): Promise<AttemptResult> {
  const { url, address, headers, body, timeoutMs } = post;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = post.signal ? AbortSignal.any([timeout, post.signal]) : timeout;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const settle = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(address),
        agent: false,
        signal,
      },
      (response: IncomingMessage) => {
        settle({ kind: 'response', status: response.statusCode ?? 0 });
        response.on('error', () => undefined);
        response.resume();
        // An endless answer body must not keep the socket: the status is all that counts.
        setTimeout(() => response.destroy(), 1_000).unref();
      },
    );
    request.on('error', (error) => settle({ kind: 'error', error: errorText(error, timeoutMs, timeout.aborted) }));
    request.end(body);
  });
}

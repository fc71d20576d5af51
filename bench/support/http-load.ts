import { msSince, now, perSecond } from './clock';
import { summarize, type LatencySummary } from './statistics';

export interface Burst {
  elapsedMs: number;
  latency: LatencySummary;
  perSecond: number;
  statuses: Record<string, number>;
}

export interface Call {
  url: string;
  method: 'GET' | 'POST';
  token?: string;
  body?: unknown;
}

/** One HTTP call, timed from the request to the whole answer read. */
export async function timed(call: Call): Promise<{ ms: number; status: number; body: string }> {
  const start = now();
  const response = await fetch(call.url, {
    method: call.method,
    headers: { ...(call.token ? { authorization: `Bearer ${call.token}` } : {}), ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  const body = await response.text();
  return { ms: msSince(start), status: response.status, body };
}

/** `count` calls with at most `inFlight` at a time; `onAnswer` sees each answer (its body, for the caller's books). */
export async function burst(count: number, inFlight: number, callOf: (index: number) => Call, onAnswer?: (index: number, status: number, body: string) => void): Promise<Burst> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const start = now();
  await Promise.all(
    Array.from({ length: Math.min(inFlight, count) }, async () => {
      while (next < count) {
        const index = next++;
        const answer = await timed(callOf(index));
        latencies.push(answer.ms);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        onAnswer?.(index, answer.status, answer.body);
      }
    }),
  );
  const elapsedMs = msSince(start);
  return { elapsedMs, latency: summarize(latencies), perSecond: perSecond(count, elapsedMs), statuses };
}

export function ok<T = Record<string, unknown>>(response: { status: number; body: T }, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

// The image's HEALTHCHECK. The gateway is healthy while its own liveness answers (GET /api/v1/health/live: not
// /health, which says 503 while another service is down, no reason to restart the gateway). Another service is healthy while its
// liveness probe answers (PROBE_PORT), or without probes while its process (PID 1 of the container) runs unstopped.
import { readFileSync } from 'node:fs';

/** Whether the URL answers HTTP within 3 s, with `ok` statuses only when `anyStatus` is false. */
async function answers(url: string, anyStatus: boolean): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    await response.arrayBuffer();
    return anyStatus || response.ok;
  } catch {
    return false;
  }
}

/** The probes' address as seen from inside the container: loopback unless they listen on one address only. */
function probeHost(): string {
  const host = process.env.PROBE_HOST ?? '0.0.0.0';
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function serviceProcessRuns(): boolean {
  try {
    const state = /^State:\s+(\S)/m.exec(readFileSync('/proc/1/status', 'utf8'))?.[1];
    return state !== undefined && state !== 'T' && state !== 'Z';
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const healthy =
    process.env.SERVICE_NAME === 'gateway'
      ? await answers(`http://127.0.0.1:${process.env.PORT ?? '3000'}/api/v1/health/live`, false)
      : process.env.PROBE_PORT
        ? await answers(`http://${probeHost()}:${process.env.PROBE_PORT}/live`, false)
        : serviceProcessRuns();
  process.exit(healthy ? 0 : 1);
}

void main();

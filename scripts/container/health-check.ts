// The image's HEALTHCHECK. The gateway is healthy while it answers HTTP on its port (any status: /health says 503
// while another service is down, and that is no reason to restart the gateway). Another service is healthy while
// its process (PID 1 of the container) runs and is not stopped.
import { readFileSync } from 'node:fs';

async function gatewayAnswers(): Promise<boolean> {
  const port = Number(process.env.PORT ?? '3000');
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(3_000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
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
  const healthy = process.env.SERVICE_NAME === 'gateway' ? await gatewayAnswers() : serviceProcessRuns();
  process.exit(healthy ? 0 : 1);
}

void main();

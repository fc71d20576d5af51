/**
 * `npm run parked -- list|requeue ...`: the operator's command for parked integration events and e-mails. It logs
 * in as the platform admin and uses the gateway's /admin endpoints, so it goes through the same checks and RPCs as
 * any other client (ADR 22). Login: PLATFORM_ADMIN_USERNAME / PLATFORM_ADMIN_PASSWORD, else the local settings of
 * `npm start`; API: BROKER_API_URL (default http://127.0.0.1:$PORT/api/v1, PORT 3000).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseParkedCommand, PARKED_USAGE, ParkedUsageError } from './parked-command';

const root = resolve(__dirname, '../../..');

function login(): { username: string; password: string } {
  const file = join(root, '.local', 'settings.json');
  const local = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string | undefined>) : {};
  const username = process.env.PLATFORM_ADMIN_USERNAME ?? local.PLATFORM_ADMIN_USERNAME;
  const password = process.env.PLATFORM_ADMIN_PASSWORD ?? local.PLATFORM_ADMIN_PASSWORD;
  if (!username || !password) throw new Error(`Set PLATFORM_ADMIN_USERNAME and PLATFORM_ADMIN_PASSWORD (or start once with npm start, which keeps them in ${file})`);
  return { username, password };
}

async function call(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = (body ?? {}) as { title?: string; detail?: string; code?: string };
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${problem.code ?? ''} ${problem.detail ?? problem.title ?? text}`.trim());
  }
  return body;
}

function print(what: string, body: unknown): void {
  if (what === 'requeued') {
    console.log(JSON.stringify(body, null, 2));
    return;
  }
  const page = body as { items: Array<Record<string, unknown>>; nextCursor: string | null };
  for (const item of page.items) {
    const error = (what === 'emails' ? item.lastError : item.error) as { message?: string } | null;
    const label = what === 'emails' ? `${String(item.kind)} to ${String(item.to)}` : `${String(item.eventType ?? 'unreadable payload')} (${String(item.consumer)})`;
    console.log(`${String(item.id)}  ${label}  attempts ${String(item.attempts)}  parked ${String(item.parkedAt)}  ${error?.message ?? ''}`);
  }
  console.log(page.items.length === 0 ? 'Nothing parked.' : `${page.items.length} shown.`);
  if (page.nextCursor) console.log(`More: add --cursor ${page.nextCursor}`);
}

async function main(): Promise<void> {
  const command = parseParkedCommand(process.argv.slice(2));
  const api = (process.env.BROKER_API_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}/api/v1`).replace(/\/$/, '');
  const { accessToken } = (await call(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login()),
  })) as { accessToken: string };
  const headers: Record<string, string> = { authorization: `Bearer ${accessToken}` };
  if (command.method === 'POST') headers['content-type'] = 'application/json';
  const body = await call(`${api}${command.path}`, { method: command.method, headers, ...(command.method === 'POST' ? { body: '{}' } : {}) });
  print(command.what, body);
}

main().catch((error: Error) => {
  console.error(error instanceof ParkedUsageError ? `${error.message}\n${PARKED_USAGE}` : error.message);
  process.exit(error instanceof ParkedUsageError ? 2 : 1);
});

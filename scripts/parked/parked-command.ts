import { BACKING_SERVICES } from '@broker/contracts';

/** What `npm run parked -- ...` was asked to do, as an HTTP request to the gateway's admin endpoints. */
export interface ParkedCommand {
  method: 'GET' | 'POST';
  /** Relative to the API base (`/api/v1`). */
  path: string;
  what: 'messages' | 'emails' | 'requeued';
}

export const PARKED_USAGE = [
  'Usage:',
  '  npm run parked -- list <service>|emails [--limit N] [--cursor C]',
  '  npm run parked -- requeue <service> <id>',
  '  npm run parked -- requeue emails <id>',
  `Services: ${BACKING_SERVICES.join(', ')}`,
].join('\n');

export class ParkedUsageError extends Error {}

function options(rest: string[]): URLSearchParams {
  const query = new URLSearchParams();
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i];
    const value = rest[i + 1];
    if ((name !== '--limit' && name !== '--cursor') || value === undefined) throw new ParkedUsageError(`unknown option ${name ?? ''}`);
    query.set(name.slice(2), value);
  }
  return query;
}

function isService(name: string | undefined): name is string {
  return name !== undefined && (BACKING_SERVICES as readonly string[]).includes(name);
}

export function parseParkedCommand(args: readonly string[]): ParkedCommand {
  const [verb, target, ...rest] = args;
  if (verb === 'list') {
    const query = options(rest);
    if (target === 'emails') return { method: 'GET', path: `/admin/parked-emails${query.size ? `?${query}` : ''}`, what: 'emails' };
    if (isService(target)) {
      query.set('service', target);
      return { method: 'GET', path: `/admin/parked-messages?${query}`, what: 'messages' };
    }
    throw new ParkedUsageError(`list what? ${target ?? '(nothing)'} is neither a service nor "emails"`);
  }
  if (verb === 'requeue') {
    const [id, ...extra] = rest;
    if (!id || extra.length > 0) throw new ParkedUsageError('requeue takes a service (or "emails") and one id');
    if (target === 'emails') return { method: 'POST', path: `/admin/parked-emails/${encodeURIComponent(id)}/requeue`, what: 'requeued' };
    if (isService(target)) return { method: 'POST', path: `/admin/parked-messages/${target}/${encodeURIComponent(id)}/requeue`, what: 'requeued' };
    throw new ParkedUsageError(`requeue from where? ${target ?? '(nothing)'} is neither a service nor "emails"`);
  }
  throw new ParkedUsageError(verb ? `unknown command ${verb}` : 'no command');
}

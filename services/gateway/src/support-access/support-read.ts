import type { ExecutionContext } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { isSupportReader, SUPPORT_ACCESS_METHODS, type ActorDto, type SupportAccessMethod } from '@broker/contracts';

/** One read of an organization by the platform admin, as it is recorded (docs/adr/0023-recorded-support-access.md). */
export interface SupportRead {
  organizationId: string;
  method: SupportAccessMethod;
  /** `/organizations/{orgId}/users/{userId}`: the route, never the path with its ids. */
  route: string;
}

const ORGANIZATION_ROUTE = /^\/organizations\/\{orgId\}(\/|$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The API's template of a route from its controller's and handler's paths: `:name` becomes `{name}`. */
export function routeTemplate(...paths: (string | string[] | undefined)[]): string {
  const parts = paths
    .map((path) => (Array.isArray(path) ? path[0] : path) ?? '')
    .flatMap((path) => path.split('/'))
    .filter((part) => part !== '');
  return `/${parts.map((part) => part.replace(/^:([A-Za-z]+)$/, '{$1}')).join('/')}`;
}

/**
 * The rule of ADR 0023: the platform admin may read (GET, HEAD) every route of one organization, and every such
 * read is a support read. Writes, and routes outside `/organizations/{orgId}`, are none. A malformed organization id
 * is none either: the route answers 404 without reading anything.
 */
export function supportReadOf(actor: Pick<ActorDto, 'role'> | undefined, method: string, route: string, organizationId: unknown): SupportRead | null {
  if (!actor || !isSupportReader(actor)) return null;
  if (!(SUPPORT_ACCESS_METHODS as readonly string[]).includes(method)) return null;
  if (!ORGANIZATION_ROUTE.test(route) || typeof organizationId !== 'string' || !UUID.test(organizationId)) return null;
  return { organizationId, method: method as SupportAccessMethod, route };
}

/** The support read a request to this handler is, if any. */
export function supportReadOfRequest(context: ExecutionContext, actor: Pick<ActorDto, 'role'> | undefined): SupportRead | null {
  if (context.getType() !== 'http') return null;
  const request = context.switchToHttp().getRequest<{ method: string; params?: Record<string, unknown> }>();
  const route = routeTemplate(Reflect.getMetadata(PATH_METADATA, context.getClass()), Reflect.getMetadata(PATH_METADATA, context.getHandler()));
  return supportReadOf(actor, request.method, route, request.params?.orgId);
}

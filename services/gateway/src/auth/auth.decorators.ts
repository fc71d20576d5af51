import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { ActorDto, Role } from '@broker/contracts';
import { PUBLIC_EXTENSION, ROLES_EXTENSION } from '../openapi/route-access.openapi';

export const PUBLIC_KEY = 'broker:public';
export const ROLES_KEY = 'broker:roles';

/** The endpoint needs no access token (login, refresh, health). Marked for the OpenAPI document too (no 401 there). */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only these roles may call the endpoint; everyone else gets 403 (the OpenAPI document names them). Services check tenant and role again. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ROLES_EXTENSION, roles));

export interface AuthenticatedRequest {
  actor?: ActorDto;
}

/** The authenticated caller, as the auth guard put it on the request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): ActorDto => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on an endpoint without authentication');
  return actor;
});

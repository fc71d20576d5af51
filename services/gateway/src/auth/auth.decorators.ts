import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ActorDto, Role } from '@broker/contracts';

export const PUBLIC_KEY = 'broker:public';
export const ROLES_KEY = 'broker:roles';

/** The endpoint needs no access token (login, refresh, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the endpoint; everyone else gets 403. Services check tenant and role again. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_KEY, roles);

export interface AuthenticatedRequest {
  actor?: ActorDto;
}

/** The authenticated caller, as the auth guard put it on the request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): ActorDto => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on an endpoint without authentication');
  return actor;
});

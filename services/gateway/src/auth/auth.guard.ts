import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ActorDto, Role, VerifiedSessionUser } from '@broker/contracts';
import { RpcCallError } from '@broker/messaging';
import { currentContext } from '@broker/platform';
import { supportReadOfRequest } from '../support-access/support-read';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.decorators';
import { TokenVerification } from './token-verification/token-verification';

/**
 * Every endpoint needs a valid access token unless marked @Public(). Identity verifies the token and that its user
 * is still active; the gateway keeps that answer only while the revocations it follows allow it (ADR 0035), so
 * disabling a user cuts off their tokens at their next request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verification: TokenVerification,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('A bearer access token is required');

    let user: VerifiedSessionUser;
    try {
      user = await this.verification.verify(token);
    } catch (error) {
      if (error instanceof RpcCallError && error.status === 401) throw new UnauthorizedException('The access token is not valid');
      throw error;
    }
    const actor: ActorDto = { userId: user.id, role: user.role, resellerId: user.resellerId, organizationId: user.organizationId };
    request.actor = actor;
    // Every call made for this request carries identity's assertion of this actor (docs/adr/0019).
    const correlation = currentContext();
    if (correlation) correlation.actorAssertion = user.actorAssertion;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // The platform admin also reads every organization route, each read recorded first (ADR 0023).
    if (roles && !roles.includes(actor.role) && !supportReadOfRequest(context, actor)) throw new ForbiddenException('Your role may not do this');
    return true;
  }
}

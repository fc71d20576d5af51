import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { applyDecision } from './rate-limit.response';
import { RateLimiter } from './rate-limiter';

/** Authenticated requests count against their user, whatever address they come from (after the auth guard named the user). */
@Injectable()
export class UserRateLimitInterceptor implements NestInterceptor {
  constructor(@Inject(RateLimiter) private readonly limiter: RateLimiter) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
    if (actor) applyDecision(context.switchToHttp().getResponse<Response>(), await this.limiter.take('user', actor.userId));
    return next.handle();
  }
}

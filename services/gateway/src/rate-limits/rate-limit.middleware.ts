import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { addressKey } from './address-key';
import { applyDecision } from './rate-limit.response';
import { RateLimiter } from './rate-limiter';

/** Every request of the API (but /health) counts against its source address. */
@Injectable()
export class AddressRateLimitMiddleware implements NestMiddleware {
  constructor(@Inject(RateLimiter) private readonly limiter: RateLimiter) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    applyDecision(response, await this.limiter.take('address', addressOf(request)));
    next();
  }
}

/** Login and refresh also count against a stricter limit of their source address. */
@Injectable()
export class AuthRateLimitMiddleware implements NestMiddleware {
  constructor(@Inject(RateLimiter) private readonly limiter: RateLimiter) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    applyDecision(response, await this.limiter.take('auth', addressOf(request)));
    next();
  }
}

function addressOf(request: Request): string {
  return addressKey(request.ip ?? request.socket.remoteAddress);
}

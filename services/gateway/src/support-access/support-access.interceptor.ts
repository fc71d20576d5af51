import { randomUUID } from 'node:crypto';
import { Injectable, ServiceUnavailableException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Observable } from 'rxjs';
import { SupportAccessRpc } from '@broker/contracts';
import { RpcCallError, RpcClient } from '@broker/messaging';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { supportReadOfRequest } from './support-read';

/**
 * Records every support read (the platform admin reading an organization's route) with the organizations service
 * before the read is forwarded, so nothing is read that is not recorded: when the record cannot be written the
 * request answers 503 and reads nothing. Answers of the service (404 for a missing organization) pass unchanged.
 */
@Injectable()
export class SupportAccessInterceptor implements NestInterceptor {
  constructor(
    private readonly rpc: RpcClient,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('SupportAccess');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const actor = context.getType() === 'http' ? context.switchToHttp().getRequest<AuthenticatedRequest>().actor : undefined;
    const read = supportReadOfRequest(context, actor);
    if (!read || !actor) return next.handle();
    try {
      await this.rpc.call(SupportAccessRpc.record, { actor, supportAccessId: randomUUID(), ...read });
    } catch (error) {
      if (error instanceof RpcCallError && error.status < 500) throw error;
      this.logger.warn({ err: error, organizationId: read.organizationId, route: read.route }, 'Support access not recorded; the read is refused');
      throw new ServiceUnavailableException('The support access could not be recorded, so nothing was read; try again');
    }
    return next.handle();
  }
}

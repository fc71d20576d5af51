import { type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Logger } from 'pino';
import { tap, type Observable } from 'rxjs';
import type { ServiceMetrics } from './metrics/service-metrics';

/**
 * One debug line per handled request (pattern, time taken), an info line for each refused one, and, given the
 * service's metrics, each request in the RPC duration histogram by subject and outcome.
 */
export class RpcLoggingInterceptor implements NestInterceptor {
  constructor(
    private readonly logger: Logger,
    private readonly metrics?: ServiceMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const pattern = context.switchToRpc().getContext<{ getSubject?: () => string }>().getSubject?.() ?? context.getHandler().name;
    const started = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - started) / 1000n) / 1000;
    return next.handle().pipe(
      tap({
        next: () => {
          const ms = elapsed();
          this.metrics?.observeRpc(pattern, 'ok', ms / 1000);
          this.logger.debug({ rpc: pattern, ms }, 'Handled request');
        },
        error: (error: { code?: unknown; message?: string }) => {
          const ms = elapsed();
          const code = typeof error?.code === 'string' ? error.code : 'INTERNAL';
          this.metrics?.observeRpc(pattern, code, ms / 1000);
          this.logger.info({ rpc: pattern, ms, code }, 'Refused request');
        },
      }),
    );
  }
}

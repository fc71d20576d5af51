import { type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Logger } from 'pino';
import { tap, type Observable } from 'rxjs';

/** One debug line per handled request (pattern, time taken), and a warning for each refused one. */
export class RpcLoggingInterceptor implements NestInterceptor {
  constructor(private readonly logger: Logger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const pattern = context.switchToRpc().getContext<{ getSubject?: () => string }>().getSubject?.() ?? context.getHandler().name;
    const started = process.hrtime.bigint();
    const elapsed = () => Number((process.hrtime.bigint() - started) / 1000n) / 1000;
    return next.handle().pipe(
      tap({
        next: () => this.logger.debug({ rpc: pattern, ms: elapsed() }, 'Handled request'),
        error: (error: { code?: unknown; message?: string }) =>
          this.logger.info({ rpc: pattern, ms: elapsed(), code: typeof error?.code === 'string' ? error.code : 'INTERNAL' }, 'Refused request'),
      }),
    );
  }
}

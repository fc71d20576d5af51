import { declaresError } from '@broker/contracts';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Logger } from 'pino';
import { catchError, throwError, type Observable } from 'rxjs';
import { rpcErrorPayload } from './rpc-error.filter';
import { rpcContractOf } from './rpc-handler.decorator';

export interface RpcContractErrorsOptions {
  /**
   * Answer an undeclared code as INTERNAL instead of passing it on, so the test that provoked it fails
   * (`RPC_STRICT_ERRORS=1`, set by the test kit). Off, the code still goes to the caller: a missing declaration
   * must not change what clients see in production.
   */
  strict: boolean;
  /** The RPC error filter's test for a transient store failure, so both name the same code. */
  isTransient?: (error: unknown) => boolean;
}

/** Raised in strict mode for an undeclared code; the RPC error filter answers it as INTERNAL. */
export class RpcContractViolationError extends Error {
  constructor(
    readonly subject: string,
    readonly answered: string,
  ) {
    super(`${subject} answered ${answered}, which its contract does not declare`);
    this.name = 'RpcContractViolationError';
  }
}

/**
 * Checks every error a @RpcHandler method fails with against its contract's codes (docs/adr/0029): an undeclared
 * code is logged at error level, and in strict mode answered as INTERNAL. Handlers without a contract pass as they are.
 */
export class RpcContractErrorsInterceptor implements NestInterceptor {
  constructor(
    private readonly logger: Logger,
    private readonly options: RpcContractErrorsOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = rpcContractOf(context.getHandler());
    if (!contract) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const { code } = rpcErrorPayload(error, this.options.isTransient);
        if (declaresError(contract, code)) return throwError(() => error);
        this.logger.error({ rpc: contract.subject, code, declared: contract.errors }, 'RPC contract violation: the handler answered a code its contract does not declare');
        return throwError(() => (this.options.strict ? new RpcContractViolationError(contract.subject, code) : error));
      }),
    );
  }
}

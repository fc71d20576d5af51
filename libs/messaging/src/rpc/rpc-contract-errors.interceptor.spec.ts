import { rpc } from '@broker/contracts';
import { createLogger } from '@broker/platform';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { firstValueFrom, of, throwError } from 'rxjs';
import { RpcContractErrorsInterceptor } from './rpc-contract-errors.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';
import { RpcHandler } from './rpc-handler.decorator';

class CodedError extends Error {
  constructor(readonly code: string) {
    super(`failed with ${code}`);
  }
}

const ThingRpc = { get: rpc<{ id: string }, { id: string }>('test.thing.get', { errors: ['THING.NOT_FOUND'] }) };

class ThingController {
  @RpcHandler(ThingRpc.get)
  get(request: { id: string }): { id: string } {
    return request;
  }

  undecorated(): void {}
}

function setup(strict: boolean) {
  const lines: string[] = [];
  const logger = createLogger({ service: 's', destination: { write: (l: string) => void lines.push(l) } });
  const interceptor = new RpcContractErrorsInterceptor(logger, { strict, isTransient: (error) => (error as { code?: unknown }).code === '57P01' });
  const filter = new RpcErrorFilter(logger, { isTransient: (error) => (error as { code?: unknown }).code === '57P01' });
  /** What the caller is answered when the handler fails with `error`. */
  const answer = async (error: unknown, method: 'get' | 'undecorated' = 'get') => {
    const context = new ExecutionContextHost([{}, {}], ThingController, ThingController.prototype[method]);
    context.setType('rpc');
    const failed = await firstValueFrom(interceptor.intercept(context, { handle: () => throwError(() => error) })).catch((thrown: unknown) => thrown);
    return filter.toPayload(failed).code;
  };
  const violations = () => lines.map((line) => JSON.parse(line) as { level: string; msg: string; code?: string }).filter((line) => line.msg.startsWith('RPC contract violation'));
  return { interceptor, answer, violations };
}

describe('RpcContractErrorsInterceptor', () => {
  it('passes declared and implicit codes on untouched, without a violation', async () => {
    const { answer, violations } = setup(true);
    expect(await answer(new CodedError('THING.NOT_FOUND'))).toBe('THING.NOT_FOUND');
    expect(await answer(Object.assign(new CodedError('VALIDATION'), { errors: [{ field: 'id', message: 'id must be a UUID' }] }))).toBe('VALIDATION');
    expect(await answer(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe('STORE.UNAVAILABLE');
    expect(await answer(new CodedError('RPC.UNAVAILABLE'))).toBe('RPC.UNAVAILABLE');
    expect(await answer(new Error('boom'))).toBe('INTERNAL');
    expect(violations()).toEqual([]);
  });

  it('in strict mode answers an undeclared code as INTERNAL and logs the violation at error level', async () => {
    const { answer, violations } = setup(true);
    expect(await answer(new CodedError('THING.FORBIDDEN'))).toBe('INTERNAL');
    expect(violations()).toEqual([expect.objectContaining({ level: 'error', code: 'THING.FORBIDDEN' })]);
  });

  it('otherwise still answers the undeclared code, and logs the violation at error level', async () => {
    const { answer, violations } = setup(false);
    expect(await answer(new CodedError('THING.FORBIDDEN'))).toBe('THING.FORBIDDEN');
    expect(violations()).toEqual([expect.objectContaining({ level: 'error', code: 'THING.FORBIDDEN' })]);
  });

  it('leaves handlers without a contract and successful answers alone', async () => {
    const { interceptor, answer, violations } = setup(true);
    expect(await answer(new CodedError('THING.FORBIDDEN'), 'undecorated')).toBe('THING.FORBIDDEN');
    const context = new ExecutionContextHost([{}, {}], ThingController, ThingController.prototype.get);
    expect(await firstValueFrom(interceptor.intercept(context, { handle: () => of({ id: 'a' }) }))).toEqual({ id: 'a' });
    expect(violations()).toEqual([]);
  });
});

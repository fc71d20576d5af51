import { rpc } from '@broker/contracts';
import { createLogger } from '@broker/platform';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { defer, firstValueFrom } from 'rxjs';
import { Answers } from '../openapi/answers.decorator';
import { RouteContractsInterceptor, routeContractsCheck } from './route-contracts';

const ThingRpc = {
  get: rpc<{ id: string }, { id: string }>('test.thing.get'),
  delete: rpc<{ id: string }, { ok: true }>('test.thing.delete'),
};

class ThingsController {
  @Answers(ThingRpc.get)
  get(): void {}

  undeclared(): void {}
}

function setup(strict: boolean) {
  const lines: string[] = [];
  const logger = createLogger({ service: 'gateway', destination: { write: (l: string) => void lines.push(l) } });
  const check = routeContractsCheck(logger, strict);
  /** Runs `call` as the route `method` would, through the interceptor. */
  const inRoute = (method: 'get' | 'undeclared', call: () => void) => {
    const context = new ExecutionContextHost([{}, {}], ThingsController, ThingsController.prototype[method]);
    return firstValueFrom(new RouteContractsInterceptor().intercept(context, { handle: () => defer(async () => call()) }));
  };
  const violations = () => lines.map((line) => JSON.parse(line) as { level: string; msg: string; rpc?: string }).filter((line) => line.msg.startsWith('Route contract violation'));
  return { check, inRoute, violations };
}

describe('RouteContractsInterceptor and routeContractsCheck', () => {
  it('lets a route call the contracts it names, and anything be called outside a route', async () => {
    const { check, inRoute, violations } = setup(true);
    await inRoute('get', () => check(ThingRpc.get));
    check(ThingRpc.delete);
    expect(violations()).toEqual([]);
  });

  it('in strict mode refuses a call the route does not name, and logs it at error level', async () => {
    const { check, inRoute, violations } = setup(true);
    await expect(inRoute('get', () => check(ThingRpc.delete))).rejects.toThrow('ThingsController.get calls test.thing.delete');
    await expect(inRoute('undeclared', () => check(ThingRpc.get))).rejects.toThrow('ThingsController.undeclared calls test.thing.get');
    expect(violations()).toEqual([expect.objectContaining({ level: 'error', rpc: 'test.thing.delete' }), expect.objectContaining({ level: 'error', rpc: 'test.thing.get' })]);
  });

  it('otherwise lets the call go, and still logs it', async () => {
    const { check, inRoute, violations } = setup(false);
    await inRoute('get', () => check(ThingRpc.delete));
    expect(violations()).toEqual([expect.objectContaining({ level: 'error', rpc: 'test.thing.delete' })]);
  });
});

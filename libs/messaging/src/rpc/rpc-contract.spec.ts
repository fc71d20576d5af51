import { rpc, type NoPayload, type RpcRequestOf, type RpcResponseOf } from '@broker/contracts';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { RpcClient } from './rpc-client';
import { RpcHandler } from './rpc-handler.decorator';

// The compiler is the test here: `npx tsc -p tsconfig.json --noEmit` fails when a `@ts-expect-error` below stops
// being an error, i.e. when a call or a handler that does not fit its contract compiles. Jest checks what runs.

class GreetRequest {
  name!: string;
}
interface Greeting {
  text: string;
}
class CountRequest {
  count!: number;
}

const GreetRpc = {
  greet: rpc<GreetRequest, Greeting>('test.greet'),
  ping: rpc<NoPayload, { ok: true }>('test.ping'),
} as const;

class GreetController {
  @RpcHandler(GreetRpc.greet)
  greet(request: GreetRequest): Greeting {
    return { text: `hello ${request.name}` };
  }

  @RpcHandler(GreetRpc.greet)
  async greetLater(request: GreetRequest, _context: unknown): Promise<Greeting> {
    return { text: `hello ${request.name}` };
  }

  @RpcHandler(GreetRpc.ping)
  ping(): { ok: true } {
    return { ok: true };
  }

  // @ts-expect-error the payload is not the contract's request
  @RpcHandler(GreetRpc.greet)
  wrongPayload(request: CountRequest): Greeting {
    return { text: String(request.count) };
  }

  // @ts-expect-error the answer is not the contract's response
  @RpcHandler(GreetRpc.greet)
  async wrongResponse(request: GreetRequest): Promise<{ message: string }> {
    return { message: request.name };
  }
}

/** Never run: only compiled. */
export async function callsCheckedByTheCompiler(client: RpcClient): Promise<void> {
  const greeting: Greeting = await client.call(GreetRpc.greet, { name: 'Ada' });
  await client.call(GreetRpc.ping, {});
  // @ts-expect-error the payload misses the contract's `name`
  await client.call(GreetRpc.greet, { count: 1 });
  // @ts-expect-error a field the request does not have
  await client.call(GreetRpc.greet, { name: 'Ada', admin: true });
  // @ts-expect-error the response is a Greeting, not a CountRequest
  const count: CountRequest = await client.call(GreetRpc.greet, { name: 'Ada' });
  // @ts-expect-error a subject string is no contract
  await client.call('test.greet', { name: 'Ada' }); // eslint-disable-line no-restricted-syntax -- on purpose
  // @ts-expect-error the untyped request is private
  await client.request('test.greet', { name: 'Ada' }, {});
  void greeting;
  void count;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requestIsGreetRequest: Same<RpcRequestOf<typeof GreetRpc.greet>, GreetRequest> = true;
const responseIsGreeting: Same<RpcResponseOf<typeof GreetRpc.greet>, Greeting> = true;

describe('RPC contracts', () => {
  it('keeps the subject and the declared error codes, and nothing else, at run time', () => {
    expect(GreetRpc.greet).toEqual({ subject: 'test.greet', errors: [] });
    expect(Object.isFrozen(GreetRpc.greet)).toBe(true);
    expect(requestIsGreetRequest && responseIsGreeting).toBe(true);
  });

  it("subscribes the decorated method to the contract's subject, as Nest's MessagePattern does", () => {
    const prototype = GreetController.prototype;
    expect(Reflect.getMetadata(PATTERN_METADATA, prototype.greet)).toEqual(['test.greet']);
    expect(Reflect.getMetadata(PATTERN_METADATA, prototype.greetLater)).toEqual(['test.greet']);
    expect(Reflect.getMetadata(PATTERN_METADATA, prototype.ping)).toEqual(['test.ping']);
  });
});

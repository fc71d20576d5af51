import { Global, Module, type DynamicModule } from '@nestjs/common';
import { RpcClient } from '@broker/messaging';
import type { GatewayConfig } from '../gateway.config';

/** One NATS request-reply client for every controller of the gateway. */
@Global()
@Module({})
export class RpcClientModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: RpcClientModule,
      providers: [
        {
          provide: RpcClient,
          useFactory: async () => {
            const client = new RpcClient({ deployment: config.DEPLOYMENT_NAME, servers: config.NATS_URL.split(','), timeoutMs: config.RPC_TIMEOUT_MS, name: 'gateway' });
            await client.connect();
            return client;
          },
        },
      ],
      exports: [RpcClient],
    };
  }
}

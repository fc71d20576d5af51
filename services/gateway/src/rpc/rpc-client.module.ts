import { Global, Module, type DynamicModule } from '@nestjs/common';
import { natsInboxPrefix, RpcClient } from '@broker/messaging';
import { createLogger, exitFatally } from '@broker/platform';
import type { GatewayConfig } from '../gateway.config';
import { routeContractsCheck } from './route-contracts';

/**
 * One NATS request-reply client for every controller of the gateway. Its connection reconnects for ever (requests
 * answer 503 meanwhile); if it ever closes for good, the gateway cannot serve anything and exits for its
 * supervisor to start it again (ADR 9).
 */
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
            const logger = createLogger({ service: 'gateway', level: config.LOG_LEVEL });
            const client = new RpcClient({
              deployment: config.DEPLOYMENT_NAME,
              servers: config.NATS_URL.split(','),
              timeoutMs: config.RPC_TIMEOUT_MS,
              name: 'gateway',
              nats: { ...config.natsCredentials, inboxPrefix: natsInboxPrefix(config.DEPLOYMENT_NAME, 'gateway') },
              logger,
              onCall: routeContractsCheck(logger, process.env.RPC_STRICT_ERRORS === '1'),
              onUnexpectedClose: (reason, error) => exitFatally(logger, `Gateway cannot work any more: ${reason}`, error),
            });
            await client.connect();
            return client;
          },
        },
      ],
      exports: [RpcClient],
    };
  }
}

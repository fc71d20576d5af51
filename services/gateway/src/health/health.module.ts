import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { deploymentNames } from '@broker/contracts';
import type { GatewayConfig } from '../gateway.config';
import { GatewayNatsConnection } from '../shared/gateway-nats-connection';
import { ServiceReplicas } from './service-replicas';

class ReplicasConnection implements OnApplicationShutdown {
  constructor(
    readonly replicas: ServiceReplicas,
    private readonly connection: GatewayNatsConnection,
  ) {}

  /** Reconnects for ever (ADR 9); closed for good, /health shows no replicas and says the rest as before. */
  static async open(config: GatewayConfig, logger: Logger): Promise<ReplicasConnection> {
    const connection = await GatewayNatsConnection.open(config, logger, 'health', (reason, error) =>
      logger.error({ err: error, reason }, 'Replicas of the services cannot be asked for their health any more'),
    );
    return new ReplicasConnection(new ServiceReplicas(connection.nats, deploymentNames(config.DEPLOYMENT_NAME).rpcPrefix, config.HEALTH_REPLICAS_WAIT_MS), connection);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

const REPLICAS_CONNECTION = Symbol('REPLICAS_CONNECTION');

/** What GET /health needs beyond the RPC client: a connection of its own that gathers every replica's answer. */
@Module({})
export class HealthModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: HealthModule,
      providers: [
        { provide: REPLICAS_CONNECTION, useFactory: () => ReplicasConnection.open(config, logger) },
        { provide: ServiceReplicas, inject: [REPLICAS_CONNECTION], useFactory: (connection: ReplicasConnection) => connection.replicas },
      ],
      exports: [ServiceReplicas],
    };
  }
}

import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { deploymentNames } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import type { GatewayConfig } from '../../gateway.config';
import { GatewayNatsConnection } from '../../shared/gateway-nats-connection';
import { AccessRevocationWatch } from './access-revocation-watch';
import { TokenVerification } from './token-verification';
import { VerifiedTokens } from './verified-tokens';

/** A kept verification is used only while its actor assertion has more than this left (the renewal's own margin). */
const ASSERTION_MARGIN_MS = 30_000;

class RevocationFollower implements OnApplicationShutdown {
  constructor(
    readonly watch: AccessRevocationWatch | null,
    private readonly connection: GatewayNatsConnection | null,
  ) {}

  /** Reconnects for ever (ADR 9); closed for good, the watch stops and every request asks identity. */
  static async open(config: GatewayConfig, logger: Logger): Promise<RevocationFollower> {
    if (config.VERIFIED_TOKENS_KEPT === 0) return new RevocationFollower(null, null);
    const connection = await GatewayNatsConnection.open(config, logger, 'access-revocations', (reason, error) =>
      logger.error({ err: error, reason }, 'Access revocations cannot be followed any more: every request asks identity'),
    );
    const watch = new AccessRevocationWatch(connection.nats, deploymentNames(config.DEPLOYMENT_NAME).accessRevocationBucket, logger);
    watch.start();
    return new RevocationFollower(watch, connection);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.watch?.stop();
    await this.connection?.close();
  }
}

const REVOCATION_FOLLOWER = Symbol('REVOCATION_FOLLOWER');

/** Access-token verification for the whole API (the AuthGuard and the assertion renewal use it). */
@Global()
@Module({})
export class TokenVerificationModule {
  static register(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: TokenVerificationModule,
      providers: [
        { provide: REVOCATION_FOLLOWER, useFactory: () => RevocationFollower.open(config, logger) },
        {
          provide: TokenVerification,
          inject: [RpcClient, REVOCATION_FOLLOWER],
          useFactory: (rpc: RpcClient, follower: RevocationFollower) =>
            new TokenVerification(rpc, new VerifiedTokens({ maxEntries: config.VERIFIED_TOKENS_KEPT, assertionMarginMs: ASSERTION_MARGIN_MS }), follower.watch),
        },
      ],
      exports: [TokenVerification],
    };
  }
}

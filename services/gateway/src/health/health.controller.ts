import { Controller, Get, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BACKING_SERVICES, healthRpc, replicaHealthRpc, type ServiceHealth } from '@broker/contracts';
import { RpcClient, type NatsConnectionHealth } from '@broker/messaging';
import { Public } from '../auth/auth.decorators';
import { TokenVerification, type TokenVerificationHealth } from '../auth/token-verification/token-verification';
import { RateLimiter, type RateLimitHealth } from '../rate-limits/rate-limiter';
import { ComponentHealthResponse, GatewayLiveResponse, GatewayReadyResponse, HealthResponse, ReplicaHealthResponse, ServiceHealthResponse, type GatewayLive, type GatewayReady } from './health.responses';
import { ServiceReplicas, type ServiceReplicasHealth } from './service-replicas';
import { Answers } from '../openapi/answers.decorator';

interface GatewayHealth {
  status: 'ok' | 'error';
  /** The gateway's own connection to NATS: `reconnecting` tells an outage of NATS from one of the services. */
  gateway: { nats: NatsConnectionHealth; rateLimits: RateLimitHealth; tokens: TokenVerificationHealth };
  /** Each service as one replica answered for it, with every replica that answered for itself. */
  services: Record<string, (ServiceHealth | { status: 'down'; detail: string }) & ServiceReplicasHealth>;
}

@ApiTags('health')
@ApiExtraModels(ComponentHealthResponse, ServiceHealthResponse, ReplicaHealthResponse)
@Controller('health')
export class HealthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly rateLimits: RateLimiter,
    private readonly tokens: TokenVerification,
    private readonly replicas: ServiceReplicas,
  ) {}

  @Public()
  @Get()
  @Answers(...BACKING_SERVICES.map(healthRpc), ...BACKING_SERVICES.map(replicaHealthRpc))
  @ApiOperation({ summary: '200 when the gateway and every service answer and are up, 503 otherwise' })
  @ApiOkResponse({ type: HealthResponse, description: 'Everything is up' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The gateway or a service is down or reconnecting: the same report, saying which' })
  async health(@Res({ passthrough: true }) response: Response): Promise<GatewayHealth> {
    const answers = await Promise.all(
      BACKING_SERVICES.map(async (service) => {
        // The queue group's pick answers for the service; meanwhile every replica answers for itself.
        const [health, replicas] = await Promise.all([
          this.rpc.call(healthRpc(service), {}, { timeoutMs: 2000 }).catch((error: unknown) => ({ status: 'down' as const, detail: (error as Error).message })),
          this.replicas.gather(service),
        ]);
        return [service, { ...health, ...replicas }] as const;
      }),
    );
    const services = Object.fromEntries(answers);
    const nats = this.rpc.connectionHealth();
    const ok = nats.status === 'up' && answers.every(([, health]) => health.status === 'up');
    response.status(ok ? 200 : 503);
    // Counting locally (sharing channel away), or asking identity on every request, keeps the API up: reported, not a failure.
    return { status: ok ? 'ok' : 'error', gateway: { nats, rateLimits: this.rateLimits.health(), tokens: this.tokens.health() }, services };
  }

  /** The gateway process serves HTTP: for a cluster's liveness probe. Asks nothing of any other service. */
  @Public()
  @Get('live')
  @Answers()
  @ApiOperation({ summary: "200 while this gateway serves requests, whatever the state of the services (a cluster's liveness probe)" })
  @ApiOkResponse({ type: GatewayLiveResponse, description: 'The process serves' })
  live(): GatewayLive {
    return { status: 'live' };
  }

  /**
   * This gateway can forward requests (its NATS connection is up): for a cluster's readiness probe. A backing service
   * being down is not the gateway's fault and leaves it ready; `GET /health` reports the services.
   */
  @Public()
  @Get('ready')
  @Answers()
  @ApiOperation({ summary: "200 while this gateway's connection to the services' bus is up, 503 otherwise (a cluster's readiness probe)" })
  @ApiOkResponse({ type: GatewayReadyResponse, description: 'Ready: requests can be forwarded' })
  @ApiServiceUnavailableResponse({ type: GatewayReadyResponse, description: 'Not ready: the connection to NATS is away (reconnecting)' })
  ready(@Res({ passthrough: true }) response: Response): GatewayReady {
    const nats = this.rpc.connectionHealth();
    const ready = nats.status === 'up';
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', nats };
  }
}

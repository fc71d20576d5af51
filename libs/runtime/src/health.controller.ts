import { Controller, Inject, type Type } from '@nestjs/common';
import { healthRpc, type ServiceHealth } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import { SERVICE_RUNTIME } from './runtime.tokens';
import type { ServiceRuntime } from './service-runtime';

/** Answers `<service>.health`; the pattern depends on the service, so the controller is made per service. */
export function healthControllerFor(service: string): Type<unknown> {
  @Controller()
  class HealthController {
    constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

    health(): Promise<ServiceHealth> {
      return this.runtime.health();
    }
  }
  const descriptor = Object.getOwnPropertyDescriptor(HealthController.prototype, 'health')!;
  RpcHandler(healthRpc(service))(HealthController.prototype, 'health', descriptor);
  return HealthController;
}

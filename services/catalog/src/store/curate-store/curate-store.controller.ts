import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { CurateStoreRequest, StoreRpc, type StoreView } from '@broker/contracts';
import { CurateStoreHandler } from './curate-store.handler';

@Controller()
export class CurateStoreController {
  constructor(private readonly handler: CurateStoreHandler) {}

  @RpcHandler(StoreRpc.curate)
  curate(@Payload() request: CurateStoreRequest): Promise<StoreView> {
    return this.handler.execute(request);
  }
}

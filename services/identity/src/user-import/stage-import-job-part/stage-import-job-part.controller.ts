import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { StageImportJobPartRequest, UserImportJobRpc, type StagedImportJobPart } from '@broker/contracts';
import { StageImportJobPartHandler } from './stage-import-job-part.handler';

@Controller()
export class StageImportJobPartController {
  constructor(private readonly handler: StageImportJobPartHandler) {}

  @RpcHandler(UserImportJobRpc.stagePart)
  stagePart(@Payload() request: StageImportJobPartRequest): Promise<StagedImportJobPart> {
    return this.handler.stage(request);
  }
}

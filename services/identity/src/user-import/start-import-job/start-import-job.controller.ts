import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { StartImportJobRequest, UserImportJobRpc, type ImportJobSummary } from '@broker/contracts';
import { StartImportJobHandler } from './start-import-job.handler';

@Controller()
export class StartImportJobController {
  constructor(private readonly handler: StartImportJobHandler) {}

  @RpcHandler(UserImportJobRpc.start)
  start(@Payload() request: StartImportJobRequest): Promise<ImportJobSummary> {
    return this.handler.start(request);
  }
}

import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { GetImportJobRequest, UserImportJobRpc, type ImportJobPage } from '@broker/contracts';
import { GetImportJobQuery } from './get-import-job.query';

@Controller()
export class GetImportJobController {
  constructor(private readonly query: GetImportJobQuery) {}

  @RpcHandler(UserImportJobRpc.get)
  get(@Payload() request: GetImportJobRequest): Promise<ImportJobPage> {
    return this.query.get(request);
  }
}

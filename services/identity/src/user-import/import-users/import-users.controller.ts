import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ImportUsersChunkRequest, UserImportRpc, type ImportUsersResult } from '@broker/contracts';
import { ImportUsersHandler } from './import-users.handler';

@Controller()
export class ImportUsersController {
  constructor(private readonly handler: ImportUsersHandler) {}

  @RpcHandler(UserImportRpc.importChunk)
  importChunk(@Payload() request: ImportUsersChunkRequest): Promise<ImportUsersResult> {
    return this.handler.importChunk(request);
  }
}

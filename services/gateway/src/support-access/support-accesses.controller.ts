import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SupportAccessRpc, type ActorDto, type Page, type SupportAccessView } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ListQuery } from '../shared/list.query';
import { SupportAccessListResponse } from './support-access.responses';
import { Answers } from '../openapi/answers.decorator';

@ApiTags('support accesses')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
@Controller('organizations/:orgId/support-accesses')
export class SupportAccessesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(SupportAccessRpc.list)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({
    summary:
      "Every read of the organization by the platform admin, in the order they happened: who, which route, when, and the request's correlation id. " +
      'Each is recorded before the data is answered (a read that cannot be recorded answers 503), and is listed at once',
  })
  @ApiOkResponse({ type: SupportAccessListResponse })
  @ApiBadRequestResponse({ description: 'A cursor that is no nextCursor of this list' })
  list(@CurrentActor() actor: ActorDto, @Param('orgId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) organizationId: string, @Query() query: ListQuery): Promise<Page<SupportAccessView>> {
    return this.rpc.call(SupportAccessRpc.list, { actor, organizationId, ...query });
  }
}

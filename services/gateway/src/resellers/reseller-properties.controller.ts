import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ResellerRpc,
  type ActorDto,
  type ResellerPropertiesView,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ResellerPropertiesBody } from './reseller-properties.body';
import { Answers } from '../openapi/answers.decorator';

const resellerIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('resellers')
@ApiBearerAuth()
@Controller('resellers/:resellerId/properties')
export class ResellerPropertiesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(ResellerRpc.getProperties)
  @Roles('platform_admin', 'reseller_admin')
  @ApiOperation({ summary: "The reseller's notification and support e-mails" })
  @ApiOkResponse({ type: ResellerPropertiesBody })
  get(@CurrentActor() actor: ActorDto, @Param('resellerId', resellerIdPipe) resellerId: string): Promise<ResellerPropertiesView> {
    return this.rpc.call(ResellerRpc.getProperties, { actor, resellerId });
  }

  @Put()
  @Answers(ResellerRpc.changeProperties)
  @Roles('platform_admin', 'reseller_admin')
  @ApiOperation({ summary: "Set the reseller's notification and support e-mails" })
  @ApiOkResponse({ type: ResellerPropertiesBody })
  set(@CurrentActor() actor: ActorDto, @Param('resellerId', resellerIdPipe) resellerId: string, @Body() body: ResellerPropertiesBody): Promise<ResellerPropertiesView> {
    return this.rpc.call(ResellerRpc.changeProperties, { ...body, actor, resellerId });
  }
}

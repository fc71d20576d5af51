import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  TransactionRpc,
  type ActorDto,
  type Page,
  type TransactionHistory,
  type TransactionView,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CommandId } from '../idempotency/command-id.decorator';
import { ListQuery } from '../shared/list.query';
import { TransactionHistoryResponse, TransactionListResponse, TransactionResponse } from './transaction.responses';
import { Answers } from '../openapi/answers.decorator';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('subscriptions and transactions')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: 'No such organization or transaction (or one of another tenant)' })
@Controller('organizations/:orgId/transactions')
export class OrganizationTransactionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(TransactionRpc.list)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer')
  @ApiOperation({ summary: "The organization's transactions, newest first (a read model: may lag a write by a moment)" })
  @ApiOkResponse({ type: TransactionListResponse })
  list(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Query() query: ListQuery): Promise<Page<TransactionView>> {
    return this.rpc.call(TransactionRpc.list, { actor, organizationId, ...query });
  }

  @Post(':transactionId/withdraw')
  @Answers(TransactionRpc.withdraw)
  @HttpCode(200)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Withdraw a pending request (its requester only)' })
  @ApiOkResponse({ type: TransactionResponse })
  @ApiConflictResponse({ description: 'The transaction is decided already' })
  withdraw(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Param('transactionId', idPipe) transactionId: string,
    @CommandId() decisionId: string,
  ): Promise<TransactionView> {
    return this.rpc.call(TransactionRpc.withdraw, { actor, organizationId, transactionId, decisionId });
  }

  @Get(':transactionId/history')
  @Answers(TransactionRpc.history)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer')
  @ApiOperation({ summary: 'The audit trail of one transaction: every request, decision and withdrawal in order, with actor, time, value and policy' })
  @ApiOkResponse({ type: TransactionHistoryResponse })
  history(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Param('transactionId', idPipe) transactionId: string): Promise<TransactionHistory> {
    return this.rpc.call(TransactionRpc.history, { actor, organizationId, transactionId });
  }
}

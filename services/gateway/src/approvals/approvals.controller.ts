import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  TransactionRpc,
  type ActorDto,
  type ApproveTransactionRequest,
  type ListPendingApprovalsRequest,
  type Page,
  type PendingApprovalItem,
  type TransactionView,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CommandId } from '../idempotency/command-id.decorator';
import { TransactionResponse } from '../transactions/transaction.responses';
import { ApproveBody, PendingApprovalsQuery, RejectBody } from './approval.bodies';
import { PendingApprovalListResponse } from './approval.responses';
import { Answers } from '../openapi/answers.decorator';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * Approvals section of api-v1.md: the reseller's admins decide its organizations' pending transactions; with an
 * organization's approval chain, its approvers decide each of its steps first.
 */
@ApiTags('approvals')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: "Only the reseller's admins decide the reseller's step, only a step's approvers decide an organization's step, and nobody decides their own request" })
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(TransactionRpc.listPending)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin')
  @ApiOperation({
    summary:
      "The transactions waiting for your decision, newest first (a read model: may lag a write by a moment): for a reseller admin, those at the reseller's step; for an organization's admin or billing admin, those whose current approval-chain step names you (a page may then hold fewer items than the limit while more follow)",
  })
  @ApiOkResponse({ type: PendingApprovalListResponse })
  pending(@CurrentActor() actor: ActorDto, @Query() query: PendingApprovalsQuery): Promise<Page<PendingApprovalItem>> {
    const request: ListPendingApprovalsRequest = { actor, status: 'pending' };
    if (query.limit !== undefined) request.limit = query.limit;
    if (query.cursor !== undefined) request.cursor = query.cursor;
    return this.rpc.call(TransactionRpc.listPending, request);
  }

  @Post(':transactionId/approve')
  @Answers(TransactionRpc.approve)
  @HttpCode(200)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin')
  @ApiOperation({ summary: 'Approve the step a pending transaction waits for; after its last step it changes the subscription, effective now' })
  @ApiOkResponse({ type: TransactionResponse })
  @ApiNotFoundResponse({ description: 'No such transaction (or one of another reseller)' })
  @ApiConflictResponse({ description: 'Decided already, or by another request at the same moment; or another change of the subscription was approved after this request was made' })
  approve(@CurrentActor() actor: ActorDto, @Param('transactionId', idPipe) transactionId: string, @Body() body: ApproveBody, @CommandId() decisionId: string): Promise<TransactionView> {
    const request: ApproveTransactionRequest = { actor, transactionId, decisionId };
    if (body.comment !== undefined) request.comment = body.comment;
    return this.rpc.call(TransactionRpc.approve, request);
  }

  @Post(':transactionId/reject')
  @Answers(TransactionRpc.reject)
  @HttpCode(200)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin')
  @ApiOperation({ summary: 'Reject a pending transaction at the step it waits for, with a reason: the transaction ends rejected' })
  @ApiOkResponse({ type: TransactionResponse })
  @ApiNotFoundResponse({ description: 'No such transaction (or one of another reseller)' })
  @ApiConflictResponse({ description: 'Decided already, or by another request at the same moment' })
  reject(@CurrentActor() actor: ActorDto, @Param('transactionId', idPipe) transactionId: string, @Body() body: RejectBody, @CommandId() decisionId: string): Promise<TransactionView> {
    return this.rpc.call(TransactionRpc.reject, { actor, transactionId, reason: body.reason, decisionId });
  }
}

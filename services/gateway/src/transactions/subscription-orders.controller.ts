import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  TransactionRpc,
  type ActorDto,
  type TransactionReceipt,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { CommandId } from '../idempotency/command-id.decorator';
import { ChangeQuantityBody, OrderBody } from './transaction.bodies';
import { TransactionReceiptResponse } from './transaction.responses';
import { Answers } from '../openapi/answers.decorator';

const idPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/**
 * Orders, quantity changes and cancellations: each is a transaction, approved at once or left pending by the
 * organization's approval policy as it stands at the moment of the request. Only an approved transaction changes
 * the subscriptions (a moment later: GET subscriptions is a read model).
 */
@ApiTags('subscriptions and transactions')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Your role may not do this' })
@ApiNotFoundResponse({ description: "No such organization, product in the organization's e-store, or subscription (or one of another tenant)" })
@Controller('organizations/:orgId')
export class SubscriptionOrdersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('orders')
  @Answers(TransactionRpc.order)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: "Order a product of the organization's e-store" })
  @ApiCreatedResponse({ type: TransactionReceiptResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields (quantity: a whole number from 1 to 100000)' })
  order(@CurrentActor() actor: ActorDto, @Param('orgId', idPipe) organizationId: string, @Body() body: OrderBody, @CommandId() transactionId: string): Promise<TransactionReceipt> {
    const costCentre = body.costCentre === undefined ? {} : { costCentre: body.costCentre };
    return this.rpc.call(TransactionRpc.order, { actor, organizationId, transactionId, productId: body.productId, quantity: body.quantity, ...costCentre });
  }

  @Post('subscriptions/:subscriptionId/changes')
  @Answers(TransactionRpc.change)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: "Change a subscription's quantity" })
  @ApiCreatedResponse({ type: TransactionReceiptResponse })
  @ApiBadRequestResponse({ description: 'The quantity is the current one, below the number of assigned users, or not a whole number from 1 to 100000' })
  @ApiConflictResponse({ description: 'The subscription is cancelled, or changed by another request at the same moment' })
  change(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Param('subscriptionId', idPipe) subscriptionId: string,
    @Body() body: ChangeQuantityBody,
    @CommandId() transactionId: string,
  ): Promise<TransactionReceipt> {
    return this.rpc.call(TransactionRpc.change, { actor, organizationId, transactionId, subscriptionId, quantity: body.quantity });
  }

  @Post('subscriptions/:subscriptionId/cancel')
  @Answers(TransactionRpc.cancel)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({ summary: 'Cancel a subscription' })
  @ApiCreatedResponse({ type: TransactionReceiptResponse })
  @ApiConflictResponse({ description: 'The subscription is cancelled already' })
  cancel(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', idPipe) organizationId: string,
    @Param('subscriptionId', idPipe) subscriptionId: string,
    @CommandId() transactionId: string,
  ): Promise<TransactionReceipt> {
    return this.rpc.call(TransactionRpc.cancel, { actor, organizationId, transactionId, subscriptionId });
  }
}

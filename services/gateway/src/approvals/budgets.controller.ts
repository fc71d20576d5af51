import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BudgetsRpc, ResellerRpc, type ActorDto, type BudgetsView } from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { AmountsInResellerCurrency } from '../money/reseller-currency.interceptor';
import { Answers } from '../openapi/answers.decorator';
import { SetBudgetBody } from './budgets.bodies';
import { BudgetsResponse } from './budgets.responses';

const orgIdPipe = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const COST_CENTRE = { name: 'costCentre', description: 'The cost centre label (as on the subscriptions ordered for it), URL-encoded: 1 to 100 characters' };

/**
 * An organization's budgets: its own and each cost centre's, per month, quarter or year. Committed spend is what its
 * subscriptions will cost in the period by billing's rules; an order or change that would take it over a budget
 * needs approval or is refused, as the budget says, and the billing admins are e-mailed at 80 % and 100 %.
 */
@ApiTags('approvals')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: "Your role may not do this: the organization's admins and billing admins set budgets" })
@ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
@Controller('organizations/:orgId/budgets')
export class BudgetsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Answers(BudgetsRpc.get)
  @Roles('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer')
  @ApiOperation({ summary: "The organization's budgets, each with committed spend in its current period" })
  @ApiOkResponse({ type: BudgetsResponse })
  get(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string): Promise<BudgetsView> {
    return this.rpc.call(BudgetsRpc.get, { actor, organizationId });
  }

  @Put('organization')
  @Answers(BudgetsRpc.set, ResellerRpc.currency)
  @HttpCode(200)
  @Roles('org_admin', 'org_billing_admin')
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: "Set the organization's own budget; in force for the very next order" })
  @ApiOkResponse({ type: BudgetsResponse })
  @ApiBadRequestResponse({ description: 'Every broken field named' })
  setOwn(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Body() body: SetBudgetBody): Promise<BudgetsView> {
    return this.rpc.call(BudgetsRpc.set, { actor, organizationId, costCentre: null, period: body.period, amount: body.amount, overBudget: body.overBudget });
  }

  @Delete('organization')
  @Answers(BudgetsRpc.remove)
  @HttpCode(200)
  @Roles('org_admin', 'org_billing_admin')
  @ApiOperation({ summary: "Remove the organization's own budget (its cost centres' stay)" })
  @ApiOkResponse({ type: BudgetsResponse })
  removeOwn(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string): Promise<BudgetsView> {
    return this.rpc.call(BudgetsRpc.remove, { actor, organizationId, costCentre: null });
  }

  @Put('cost-centres/:costCentre')
  @Answers(BudgetsRpc.set, ResellerRpc.currency)
  @HttpCode(200)
  @Roles('org_admin', 'org_billing_admin')
  @AmountsInResellerCurrency()
  @ApiOperation({ summary: "Set a cost centre's budget: it counts the subscriptions ordered with that cost centre" })
  @ApiParam(COST_CENTRE)
  @ApiOkResponse({ type: BudgetsResponse })
  @ApiBadRequestResponse({ description: 'Every broken field named' })
  setCostCentre(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', orgIdPipe) organizationId: string,
    @Param('costCentre') costCentre: string,
    @Body() body: SetBudgetBody,
  ): Promise<BudgetsView> {
    return this.rpc.call(BudgetsRpc.set, { actor, organizationId, costCentre, period: body.period, amount: body.amount, overBudget: body.overBudget });
  }

  @Delete('cost-centres/:costCentre')
  @Answers(BudgetsRpc.remove)
  @HttpCode(200)
  @Roles('org_admin', 'org_billing_admin')
  @ApiOperation({ summary: "Remove a cost centre's budget" })
  @ApiParam(COST_CENTRE)
  @ApiOkResponse({ type: BudgetsResponse })
  removeCostCentre(@CurrentActor() actor: ActorDto, @Param('orgId', orgIdPipe) organizationId: string, @Param('costCentre') costCentre: string): Promise<BudgetsView> {
    return this.rpc.call(BudgetsRpc.remove, { actor, organizationId, costCentre });
  }
}

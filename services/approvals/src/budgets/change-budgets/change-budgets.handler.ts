import { Injectable } from '@nestjs/common';
import type { BudgetsView, GetBudgetsRequest, RemoveBudgetRequest, SetBudgetRequest } from '@broker/contracts';
import { commandMetadata, OrganizationAccessClient } from '@broker/runtime';
import { BUDGET_READERS, BUDGET_WRITERS } from '../budgets-access';
import { BudgetsRepository } from '../budgets.repository';
import { toBudgetsView } from '../budgets.view';
import { OrganizationSubscriptions } from '../committed-spend/organization-subscriptions';
import type { BudgetsState } from '../domain/budgets.decider';

/**
 * An organization's budgets: read with where committed spend stands now, set ("set to") and removed by its admins and
 * billing admins. A budget set holds the very next order (orders read the budgets' stream, not a read model).
 */
@Injectable()
export class ChangeBudgetsHandler {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly budgets: BudgetsRepository,
    private readonly subscriptions: OrganizationSubscriptions,
  ) {}

  async get(request: GetBudgetsRequest, now = new Date()): Promise<BudgetsView> {
    const { currency } = await this.organizations.authorizeWithCurrency(request.actor, request.organizationId, BUDGET_READERS);
    const { state } = await this.budgets.load(request.organizationId);
    return this.view(request.organizationId, state, currency ?? null, now);
  }

  async set(request: SetBudgetRequest, now = new Date()): Promise<BudgetsView> {
    const { actor, organizationId } = request;
    const { resellerId, currency } = await this.organizations.authorizeWithCurrency(actor, organizationId, BUDGET_WRITERS);
    const state = await this.budgets.execute(
      organizationId,
      {
        type: 'SetBudget',
        data: { organizationId, resellerId, costCentre: request.costCentre, period: request.period, amount: request.amount, overBudget: request.overBudget, ...(currency ? { currency } : {}) },
        actorId: actor.userId,
        at: now,
      },
      commandMetadata(actor, { resellerId, organizationId }),
    );
    return this.view(organizationId, state, currency ?? null, now);
  }

  async remove(request: RemoveBudgetRequest, now = new Date()): Promise<BudgetsView> {
    const { actor, organizationId } = request;
    const { resellerId, currency } = await this.organizations.authorizeWithCurrency(actor, organizationId, BUDGET_WRITERS);
    const state = await this.budgets.execute(
      organizationId,
      { type: 'RemoveBudget', data: { organizationId, resellerId, costCentre: request.costCentre }, actorId: actor.userId, at: now },
      commandMetadata(actor, { resellerId, organizationId }),
    );
    return this.view(organizationId, state, currency ?? null, now);
  }

  private async view(organizationId: string, state: BudgetsState, currency: string | null, now: Date): Promise<BudgetsView> {
    const subscriptions = Object.keys(state.budgets).length > 0 ? await this.subscriptions.of(organizationId) : [];
    return toBudgetsView(organizationId, state, subscriptions, currency, now);
  }
}

import { OrganizationAccessClient, ServiceModule } from '@broker/runtime';
import { ApprovalChainsRepository } from './approval-chains/approval-chains.repository';
import { ApproverRoles } from './approval-chains/change-approval-chains/approver-roles';
import { ChangeApprovalChainsController } from './approval-chains/change-approval-chains/change-approval-chains.controller';
import { ChangeApprovalChainsHandler } from './approval-chains/change-approval-chains/change-approval-chains.handler';
import { GetApprovalChainsController } from './approval-chains/get-approval-chains/get-approval-chains.controller';
import { StepTimers } from './approval-chains/step-timers/step-timers';
import { BudgetNotices } from './budgets/budget-notices/budget-notices';
import { budgetedOrganizationsProjection } from './budgets/budget-notices/budgeted-organizations.projection';
import { BudgetsRepository } from './budgets/budgets.repository';
import { ChangeBudgetsController } from './budgets/change-budgets/change-budgets.controller';
import { ChangeBudgetsHandler } from './budgets/change-budgets/change-budgets.handler';
import { budgetSubscriptionsProjection } from './budgets/committed-spend/budget-subscriptions.projection';
import { OrganizationSubscriptions } from './budgets/committed-spend/organization-subscriptions';
import { GetBudgetsController } from './budgets/get-budgets/get-budgets.controller';
import { ChangeOutOfOfficeController } from './out-of-office/change-out-of-office/change-out-of-office.controller';
import { ChangeOutOfOfficeHandler } from './out-of-office/change-out-of-office/change-out-of-office.handler';
import { OutOfOfficeRepository } from './out-of-office/out-of-office.repository';
import { ApprovalPolicyRepository } from './approval-policy/approval-policy.repository';
import { GetApprovalPolicyController } from './approval-policy/get-approval-policy/get-approval-policy.controller';
import { SetApprovalPolicyController } from './approval-policy/set-approval-policy/set-approval-policy.controller';
import { SetApprovalPolicyHandler } from './approval-policy/set-approval-policy/set-approval-policy.handler';
import { approvalsEventMapper } from './integration-event-mapper';
import { SubscriptionLedgerRepository } from './subscription-ledger/subscription-ledger.repository';
import { DecideTransactionController } from './transactions/decide-transaction/decide-transaction.controller';
import { DecideTransactionHandler } from './transactions/decide-transaction/decide-transaction.handler';
import { RequestTransactionController } from './transactions/request-transaction/request-transaction.controller';
import { RequestTransactionHandler } from './transactions/request-transaction/request-transaction.handler';
import { CatalogQuotes } from './transactions/shared/catalog-quotes';
import { ORGANIZATION_NAMES, OrganizationNamesConsumer } from './transactions/organization-names/organization-names.consumer';
import { TransactionRepository } from './transactions/transaction.repository';
import { TransactionHistoryController } from './transactions/transaction-history/transaction-history.controller';
import { ListOrganizationTransactionsController } from './transactions/list-organization-transactions/list-organization-transactions.controller';
import { ListPendingApprovalsController } from './transactions/list-pending-approvals/list-pending-approvals.controller';
import { transactionListProjection } from './transactions/transaction-list/transaction-list.projection';
import { WithdrawTransactionController } from './transactions/withdraw-transaction/withdraw-transaction.controller';
import { WithdrawTransactionHandler } from './transactions/withdraw-transaction/withdraw-transaction.handler';

/** The approvals service: its use cases, read models and consumers. */
@ServiceModule({
  controllers: [
    GetApprovalPolicyController,
    SetApprovalPolicyController,
    GetApprovalChainsController,
    ChangeApprovalChainsController,
    ChangeOutOfOfficeController,
    GetBudgetsController,
    ChangeBudgetsController,
    RequestTransactionController,
    DecideTransactionController,
    WithdrawTransactionController,
    TransactionHistoryController,
    ListOrganizationTransactionsController,
    ListPendingApprovalsController,
  ],
  providers: [
    ApprovalPolicyRepository,
    OrganizationAccessClient,
    SetApprovalPolicyHandler,
    ApprovalChainsRepository,
    ApproverRoles,
    ChangeApprovalChainsHandler,
    OutOfOfficeRepository,
    ChangeOutOfOfficeHandler,
    StepTimers,
    BudgetsRepository,
    OrganizationSubscriptions,
    ChangeBudgetsHandler,
    BudgetNotices,
    CatalogQuotes,
    TransactionRepository,
    SubscriptionLedgerRepository,
    RequestTransactionHandler,
    DecideTransactionHandler,
    WithdrawTransactionHandler,
  ],
  mapper: approvalsEventMapper,
  projections: [transactionListProjection, budgetSubscriptionsProjection, budgetedOrganizationsProjection],
  consumers: [OrganizationNamesConsumer],
  collections: [ORGANIZATION_NAMES],
})
export class ApprovalsModule {}

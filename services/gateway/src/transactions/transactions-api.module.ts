import { Module } from '@nestjs/common';
import { OrganizationTransactionsController } from './organization-transactions.controller';
import { SubscriptionOrdersController } from './subscription-orders.controller';

/** Subscriptions and transactions section of api-v1.md: orders, changes, cancellations, transactions, withdrawals. */
@Module({ controllers: [SubscriptionOrdersController, OrganizationTransactionsController] })
export class TransactionsApiModule {}

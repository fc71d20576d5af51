import { Module } from '@nestjs/common';
import { SubscriptionsController } from './subscriptions.controller';

/** Subscriptions reads and licence assignments (api-v1.md, Subscriptions and transactions). */
@Module({ controllers: [SubscriptionsController] })
export class SubscriptionsApiModule {}

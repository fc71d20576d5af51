import { Module } from '@nestjs/common';
import { BillingSummaryController } from './billing-summary.controller';
import { OrganizationBillingController } from './organization-billing.controller';

/** Billing section of api-v1.md: reports (JSON and CSV), billing details, the reseller summary. */
@Module({ controllers: [OrganizationBillingController, BillingSummaryController] })
export class BillingApiModule {}

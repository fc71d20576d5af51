import { Module } from '@nestjs/common';

/** The billing service's use cases are registered here as they land. */
@Module({})
export class BillingModule {}

import { Module } from '@nestjs/common';

/** The approvals service's use cases are registered here as they land. */
@Module({})
export class ApprovalsModule {}

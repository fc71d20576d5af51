import { Module } from '@nestjs/common';

/** The notifications service's use cases are registered here as they land. */
@Module({})
export class NotificationsModule {}

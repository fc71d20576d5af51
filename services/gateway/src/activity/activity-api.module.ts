import { Module } from '@nestjs/common';
import { ActivityController } from './activity.controller';

/** The activity log of organizations, resellers and the platform. */
@Module({ controllers: [ActivityController] })
export class ActivityApiModule {}

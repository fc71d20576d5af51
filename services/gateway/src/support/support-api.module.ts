import { Module } from '@nestjs/common';
import { SupportRequestsController } from './support-requests.controller';

/** Support section of api-v1.md. */
@Module({ controllers: [SupportRequestsController] })
export class SupportApiModule {}

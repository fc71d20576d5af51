import { Module } from '@nestjs/common';
import { ParkedEmailsController } from './parked-emails.controller';
import { ParkedMessagesController } from './parked-messages.controller';

/** Operator endpoints of the platform admin: what the platform gave up on, listed and requeued. */
@Module({ controllers: [ParkedMessagesController, ParkedEmailsController] })
export class AdminApiModule {}

import { Module } from '@nestjs/common';
import { MailSending } from './mail/mail-sending';
import { ParkedEmailsController } from './parked-emails/parked-emails.controller';

/**
 * The notifications service answers few requests of its own (health, parked e-mails for operators): it reacts to integration events
 * (consumers.ts) and works off its mail queue (MailSending).
 */
@Module({ controllers: [ParkedEmailsController], providers: [MailSending] })
export class NotificationsModule {}

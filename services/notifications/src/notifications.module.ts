import { Module } from '@nestjs/common';
import { MailSending } from './mail/mail-sending';

/**
 * The notifications service answers no requests of its own (besides health): it reacts to integration events
 * (consumers.ts) and works off its mail queue (MailSending).
 */
@Module({ providers: [MailSending] })
export class NotificationsModule {}

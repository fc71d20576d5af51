import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';

/**
 * Support requests (api-v1.md, Support): any user of an organization asks its reseller for help, optionally about
 * one subscription. Recorded as events by the organizations service and e-mailed to the reseller's support address
 * by the notifications service.
 */
export const SupportRequestRpc = {
  create: rpc<CreateSupportRequestRequest, SupportRequestCreated>('organizations.support-request.create', { errors: ['ORGANIZATION.NOT_FOUND', 'SUPPORT_REQUEST.FORBIDDEN', 'SUPPORT_REQUEST.ALREADY_EXISTS'] }),
} as const;

export const MAX_SUPPORT_SUBJECT = 200;
export const MAX_SUPPORT_MESSAGE = 10_000;

export class CreateSupportRequestRequest {
  @ActorField()
  actor!: ActorDto;

  /** Chosen by the caller so a retried request records nothing twice. */
  @IsUUID()
  supportRequestId!: string;

  @IsString()
  @Matches(/\S/, { message: 'subject must not be empty' })
  @MaxLength(MAX_SUPPORT_SUBJECT)
  @IsPlainText()
  subject!: string;

  @IsString()
  @Matches(/\S/, { message: 'message must not be empty' })
  @MaxLength(MAX_SUPPORT_MESSAGE)
  @IsPlainText({ multiline: true })
  message!: string;

  @IsOptional()
  @IsUUID()
  subscriptionId?: string;
}

export interface SupportRequestCreated {
  id: string;
}

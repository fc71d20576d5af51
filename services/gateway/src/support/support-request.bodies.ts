import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsPlainText, MAX_SUPPORT_MESSAGE, MAX_SUPPORT_SUBJECT, type SupportRequestCreated } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

export class CreateSupportRequestBody {
  @ApiProperty({ maxLength: MAX_SUPPORT_SUBJECT, example: 'Backup jobs fail since Monday' })
  @IsString()
  @Matches(/\S/, { message: 'subject must not be empty' })
  @MaxLength(MAX_SUPPORT_SUBJECT)
  @IsPlainText()
  subject!: string;

  @ApiProperty({ maxLength: MAX_SUPPORT_MESSAGE, example: 'Every nightly job ends with error 0x80070005.' })
  @IsString()
  @Matches(/\S/, { message: 'message must not be empty' })
  @MaxLength(MAX_SUPPORT_MESSAGE)
  @IsPlainText({ multiline: true })
  message!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The subscription of your organization the request is about' })
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;
}

@Documents<SupportRequestCreated>()
export class SupportRequestCreatedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { CreateSupportRequestRequest, type SupportRequestCreated } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';
import { Documents } from '../openapi/documents-contract';

export class CreateSupportRequestBody extends bodyFromContract(CreateSupportRequestRequest, {
  subject: { example: 'Backup jobs fail since Monday' },
  message: { example: 'Every nightly job ends with error 0x80070005.' },
  subscriptionId: { description: 'The subscription of your organization the request is about' },
}) {}

@Documents<SupportRequestCreated>()
export class SupportRequestCreatedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CreateResellerRequest, NewUserFieldsDto } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';

export class NewAdminBody extends bodyFromContract(NewUserFieldsDto, {
  firstName: { example: 'Anna' },
  lastName: { example: 'Berg' },
  username: { example: 'anna@reseller.example' },
  email: { example: 'anna.berg@reseller.example' },
  password: { format: 'password' },
}) {}

export class CreateResellerBody extends bodyFromContract(CreateResellerRequest, {
  name: { example: 'Northwind Cloud' },
  currency: { example: 'EUR' },
  notificationEmail: { example: 'approvals@reseller.example' },
  supportEmail: { example: 'support@reseller.example' },
}) {
  @ApiProperty({ type: NewAdminBody })
  @ValidateNested()
  @Type(() => NewAdminBody)
  admin!: NewAdminBody;
}

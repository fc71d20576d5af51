import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import {
  ChangeOrganizationUserRequest,
  ChangeOwnPasswordRequest,
  ChangeUsersStatusRequest,
  CreateOrganizationUserRequest,
  ORGANIZATION_ROLES,
  SetOrganizationUserPasswordRequest,
  type Role,
} from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';

// The contract takes any role (identity answers 400 for one that is no organization role); the API names them.
const ORG_ROLES = [...ORGANIZATION_ROLES];
const ROLE_MESSAGE = `role must be one of ${ORG_ROLES.join(', ')}`;
const COST_CENTRE = { type: String, minLength: 1, example: 'Research', nullable: true, description: "The user's cost centre label, which the user's orders default to (an order naming none counts towards this cost centre's budget); absent or null: none" };
const PASSWORD = { format: 'password', description: 'Must meet the password policy; a 400 lists every broken rule' };

export class CreateUserBody extends bodyFromContract(CreateOrganizationUserRequest, {
  username: { example: 'anna@contoso.com', description: "Unique on the platform; its domain must be one of the organization's domains" },
  firstName: { example: 'Anna' },
  lastName: { example: 'Berg' },
  email: { example: 'anna.berg@contoso.com', description: 'Contact e-mail' },
  password: PASSWORD,
  costCentre: COST_CENTRE,
}) {
  @ApiProperty({ enum: ORG_ROLES })
  @IsIn(ORG_ROLES, { message: ROLE_MESSAGE })
  role!: Role;
}

export class ChangeUserBody extends bodyFromContract(ChangeOrganizationUserRequest, {
  firstName: { example: 'Anna' },
  lastName: { example: 'Berg' },
  email: { example: 'anna.berg@contoso.com' },
  costCentre: { ...COST_CENTRE, description: "The user's cost centre label, which the user's orders default to; absent: unchanged, null: none any more" },
}) {
  @ApiPropertyOptional({ enum: ORG_ROLES })
  @IsOptional()
  @IsIn(ORG_ROLES, { message: ROLE_MESSAGE })
  role?: Role;
}

export class SetPasswordBody extends bodyFromContract(SetOrganizationUserPasswordRequest, { password: PASSWORD }) {}

export class UserIdsBody extends bodyFromContract(ChangeUsersStatusRequest, {
  // Any string is taken (a malformed id is simply `not found`); the ids the API hands out are UUIDs.
  userIds: { format: 'uuid', description: 'Each id is handled on its own' },
}) {}

export class ChangeOwnPasswordBody extends bodyFromContract(ChangeOwnPasswordRequest, {
  currentPassword: { format: 'password' },
  newPassword: { format: 'password', description: 'Must meet the password policy' },
}) {}

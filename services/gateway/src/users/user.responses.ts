import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_ROLES, type OrganizationUserListItem, type OrganizationUserView, type Page, type Role, type UserStatusChangeResult, type UsersStatusChangeResults } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

/** Response shapes, for the OpenAPI document. */
@Documents<OrganizationUserListItem>()
export class UserListItemResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'anna@contoso.com' })
  username!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: [...ORGANIZATION_ROLES] })
  role!: Role;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: OrganizationUserListItem['status'];

  @ApiProperty({ description: 'Services (licences) assigned to the user' })
  servicesCount!: number;

  @ApiProperty({ nullable: true, type: String, example: 'Research', description: "The user's cost centre label, which the user's orders default to; null: none" })
  costCentre!: string | null;
}

@Documents<OrganizationUserView>()
export class UserResponse extends UserListItemResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  resellerId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organizationId!: string | null;
}

@Documents<Page<OrganizationUserListItem>>()
export class UserListResponse {
  @ApiProperty({ type: [UserListItemResponse] })
  items!: UserListItemResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

@Documents<UserStatusChangeResult>()
export class UserStatusResultResponse {
  @ApiProperty()
  userId!: string;

  @ApiProperty()
  ok!: boolean;

  @ApiPropertyOptional({ example: 'not found' })
  error?: string;
}

@Documents<UsersStatusChangeResults>()
export class UserStatusResultsResponse {
  @ApiProperty({ type: [UserStatusResultResponse] })
  results!: UserStatusResultResponse[];
}

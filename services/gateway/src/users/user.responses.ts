import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_ROLES } from '@broker/contracts';

/** Response shapes, for the OpenAPI document. */
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
  role!: string;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: string;

  @ApiProperty({ description: 'Services (licences) assigned to the user' })
  servicesCount!: number;
}

export class UserResponse extends UserListItemResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  resellerId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organizationId!: string | null;
}

export class UserListResponse {
  @ApiProperty({ type: [UserListItemResponse] })
  items!: UserListItemResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

export class UserStatusResultResponse {
  @ApiProperty()
  userId!: string;

  @ApiProperty()
  ok!: boolean;

  @ApiPropertyOptional({ example: 'not found' })
  error?: string;
}

export class UserStatusResultsResponse {
  @ApiProperty({ type: [UserStatusResultResponse] })
  results!: UserStatusResultResponse[];
}

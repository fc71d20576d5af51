import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role, type SessionUser, type TokenResponse, type UserView } from '@broker/contracts';
import { Documents } from '../../openapi/documents-contract';

/** Response shapes, for the OpenAPI document. */
@Documents<SessionUser>()
export class SessionUserResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'anna@contoso.com' })
  username!: string;

  @ApiProperty({ enum: [...ROLES] })
  role!: Role;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  resellerId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organizationId!: string | null;
}

@Documents<TokenResponse>()
export class TokensResponse {
  @ApiProperty({ description: 'Bearer token for every other request' })
  accessToken!: string;

  @ApiProperty({ description: 'Spent by its one refresh' })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;

  @ApiProperty({ type: SessionUserResponse })
  user!: SessionUserResponse;
}

@Documents<UserView>()
export class CurrentUserResponse extends SessionUserResponse {
  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: UserView['status'];
}

import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@broker/contracts';

/** Response shapes, for the OpenAPI document. */
export class SessionUserResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'anna@contoso.com' })
  username!: string;

  @ApiProperty({ enum: [...ROLES] })
  role!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  resellerId!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  organizationId!: string | null;
}

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

export class CurrentUserResponse extends SessionUserResponse {
  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ['active', 'disabled'] })
  status!: string;
}

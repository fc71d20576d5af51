import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainText, MAX_USERS_PER_STATUS_CHANGE, ORGANIZATION_ROLES, type Role } from '@broker/contracts';

const ORG_ROLES = [...ORGANIZATION_ROLES];
const ROLE_MESSAGE = `role must be one of ${ORG_ROLES.join(', ')}`;

export class CreateUserBody {
  @ApiProperty({ example: 'anna@contoso.com', description: "Unique on the platform; its domain must be one of the organization's domains" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsPlainText()
  username!: string;

  @ApiProperty({ example: 'Anna' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  firstName!: string;

  @ApiProperty({ example: 'Berg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  lastName!: string;

  @ApiProperty({ example: 'anna.berg@contoso.com', description: 'Contact e-mail' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: ORG_ROLES })
  @IsIn(ORG_ROLES, { message: ROLE_MESSAGE })
  role!: Role;

  @ApiProperty({ format: 'password', description: 'Must meet the password policy; a 400 lists every broken rule' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class ChangeUserBody {
  @ApiPropertyOptional({ example: 'Anna' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  firstName?: string;

  @ApiPropertyOptional({ example: 'Berg' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  lastName?: string;

  @ApiPropertyOptional({ example: 'anna.berg@contoso.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ enum: ORG_ROLES })
  @IsOptional()
  @IsIn(ORG_ROLES, { message: ROLE_MESSAGE })
  role?: Role;
}

export class SetPasswordBody {
  @ApiProperty({ format: 'password', description: 'Must meet the password policy; a 400 lists every broken rule' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class UserIdsBody {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_USERS_PER_STATUS_CHANGE, description: 'Each id is handled on its own' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_USERS_PER_STATUS_CHANGE)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  userIds!: string[];
}

export class ChangeOwnPasswordBody {
  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ format: 'password', description: 'Must meet the password policy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  newPassword!: string;
}

import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ActorDto, ROLES, type Role } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import type { UserView } from './auth.rpc';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';

export const UserRpc = {
  create: rpc<CreateUserRequest, UserView>('identity.user.create', { errors: ['USER.FORBIDDEN', 'USER.ALREADY_EXISTS', 'USER.DUPLICATE_USERNAME', 'USER.CONFLICT'] }),
  checkNew: rpc<CheckNewUserRequest, { ok: true }>('identity.user.check-new', { errors: ['USER.FORBIDDEN', 'USER.DUPLICATE_USERNAME'] }),
} as const;

export class NewUserFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  firstName!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  lastName!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsPlainText()
  username!: string;

  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class CreateUserRequest extends NewUserFieldsDto {
  @ActorField()
  actor!: ActorDto;

  /** Chosen by the caller so a retried request creates nothing twice. */
  @IsUUID()
  userId!: string;

  @IsIn(ROLES)
  role!: Role;

  @IsOptional()
  @IsUUID()
  resellerId!: string | null;

  @IsOptional()
  @IsUUID()
  organizationId!: string | null;
}

/** Validates a new user (username free, password policy) without creating it. */
export class CheckNewUserRequest extends CreateUserRequest {}

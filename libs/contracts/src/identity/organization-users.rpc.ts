import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { ActorDto, ROLES, type Role } from '../auth/actor';
import type { UserView } from './auth.rpc';
import { NewUserFieldsDto } from './user.rpc';
import { ActorField, PageLimitField, PageCursorField } from '../shared/request-fields';
import type { Page } from '../organizations/reseller.rpc';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';
import { CostCentreField } from '../approvals/budgets.rpc';

/**
 * The users of an organization (api-v1.md, Users). Identity checks role and tenant of `actor` itself: a reseller
 * admin within its reseller, org admins within their organization, org viewers read-only; another tenant's
 * organization or user answers `*.NOT_FOUND`, a role that may not act `USER.FORBIDDEN`.
 */
export const OrganizationUserRpc = {
  create: rpc<CreateOrganizationUserRequest, OrganizationUserView>('identity.organization-user.create', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN', 'USER.ALREADY_EXISTS', 'USER.DUPLICATE_USERNAME', 'USER.CONFLICT'] }),
  list: rpc<ListOrganizationUsersRequest, Page<OrganizationUserListItem>>('identity.organization-user.list', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
  get: rpc<OrganizationUserRequest, OrganizationUserView>('identity.organization-user.get', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.NOT_FOUND', 'USER.FORBIDDEN'] }),
  change: rpc<ChangeOrganizationUserRequest, OrganizationUserView>('identity.organization-user.change', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.NOT_FOUND', 'USER.FORBIDDEN'] }),
  setPassword: rpc<SetOrganizationUserPasswordRequest, { ok: true }>('identity.organization-user.set-password', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.NOT_FOUND', 'USER.FORBIDDEN'] }),
  delete: rpc<OrganizationUserRequest, { ok: true }>('identity.organization-user.delete', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.NOT_FOUND', 'USER.FORBIDDEN', 'USER.DELETE_SELF.FORBIDDEN'] }),
  disable: rpc<ChangeUsersStatusRequest, UsersStatusChangeResults>('identity.organization-user.disable', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN'] }),
  enable: rpc<ChangeUsersStatusRequest, UsersStatusChangeResults>('identity.organization-user.enable', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN'] }),
} as const;

/** At most this many ids per disable / enable request. */
export const MAX_USERS_PER_STATUS_CHANGE = 500;

export class OrganizationUsersRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

export class CreateOrganizationUserRequest extends NewUserFieldsDto {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  /** Chosen by the caller so a retried request creates nothing twice. */
  @IsUUID()
  userId!: string;

  /** Any role passes here; identity answers 400 unless it is an organization role. */
  @IsIn(ROLES)
  role!: Role;

  /** The user's cost centre label, which the user's orders default to; absent, null or blank: none. */
  @IsOptional()
  @CostCentreField()
  costCentre?: string | null;
}

export class ListOrganizationUsersRequest extends OrganizationUsersRequest {
  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export class OrganizationUserRequest extends OrganizationUsersRequest {
  @IsUUID()
  userId!: string;
}

export class ChangeOrganizationUserRequest extends OrganizationUserRequest {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  firstName?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  lastName?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** Absent: unchanged; null or blank: the user has no cost centre any more. */
  @IsOptional()
  @CostCentreField()
  costCentre?: string | null;
}

export class SetOrganizationUserPasswordRequest extends OrganizationUserRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

/** Disable or enable many users; each id is handled on its own (a malformed id is simply `not found`). */
export class ChangeUsersStatusRequest extends OrganizationUsersRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_USERS_PER_STATUS_CHANGE)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  userIds!: string[];
}

/** One user of an organization, read from its stream. */
export interface OrganizationUserView extends UserView {
  /** Services (licences) assigned to the user; 0 until the catalog reports assignments. */
  servicesCount: number;
  /** The user's cost centre label (the user's orders default to it); null: none. */
  costCentre: string | null;
}

/** One row of the users list (a read model: may lag a write by a moment). */
export interface OrganizationUserListItem {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  status: 'active' | 'disabled';
  servicesCount: number;
  /** null: none. */
  costCentre: string | null;
}

export interface UserStatusChangeResult {
  userId: string;
  ok: boolean;
  /** Why this id failed: `not found`, or that nobody may disable themselves. */
  error?: string;
}

export interface UsersStatusChangeResults {
  results: UserStatusChangeResult[];
}

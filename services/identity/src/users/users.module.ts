import { OrganizationAccessClient, ServiceModule } from '@broker/runtime';
import { AccessRevocations } from '../access-revocations/access-revocations';
import { CREDENTIALS, CredentialStore } from '../passwords/credential-store';
import { PasswordHasher } from '../passwords/password-hasher';
import { PasswordRules } from '../passwords/password-rules';
import { UserAccess } from './access/user-access';
import { ChangeOwnPasswordController } from './change-own-password/change-own-password.controller';
import { ChangeOwnPasswordHandler } from './change-own-password/change-own-password.handler';
import { ChangeOrganizationUserController } from './change-organization-user/change-organization-user.controller';
import { ChangeOrganizationUserHandler } from './change-organization-user/change-organization-user.handler';
import { ChangeUsersStatusController } from './change-users-status/change-users-status.controller';
import { ChangeUsersStatusHandler } from './change-users-status/change-users-status.handler';
import { CreateOrganizationUserController } from './create-organization-user/create-organization-user.controller';
import { CreateOrganizationUserHandler } from './create-organization-user/create-organization-user.handler';
import { DeleteOrganizationUserController } from './delete-organization-user/delete-organization-user.controller';
import { DeleteOrganizationUserHandler } from './delete-organization-user/delete-organization-user.handler';
import { InternetDomainMembership } from './internet-domain-membership/internet-domain-membership';
import { UsersInInternetDomainController } from './users-in-internet-domain/users-in-internet-domain.controller';
import { GetOrganizationUserController } from './get-organization-user/get-organization-user.controller';
import { AbandonedRegistrations } from './register-user/abandoned-registrations';
import { RegisterUserController } from './register-user/register-user.controller';
import { RegisterUserHandler } from './register-user/register-user.handler';
import { SetUserPasswordController } from './set-user-password/set-user-password.controller';
import { SetUserPasswordHandler } from './set-user-password/set-user-password.handler';
import { LicenceAssignmentsConsumer, SUBSCRIPTION_HOLDERS } from './user-list/licence-assignments.consumer';
import { ListOrganizationUsersController } from './list-organization-users/list-organization-users.controller';
import { organizationUserListProjection } from './user-list/organization-user-list.projection';
import { USER_SERVICES_COUNT } from './user-list/user-services-count';
import { UserCommands } from './user-commands';
import { UserRepository } from './user.repository';

/**
 * Users: registration and administration of organization users, own password change, domain usage.
 * Exports what login and the CSV import build on.
 */
@ServiceModule({
  controllers: [
    RegisterUserController,
    CreateOrganizationUserController,
    ListOrganizationUsersController,
    GetOrganizationUserController,
    ChangeOrganizationUserController,
    SetUserPasswordController,
    DeleteOrganizationUserController,
    ChangeUsersStatusController,
    ChangeOwnPasswordController,
    UsersInInternetDomainController,
  ],
  providers: [
    AccessRevocations,
    CredentialStore,
    PasswordHasher,
    PasswordRules,
    RegisterUserHandler,
    AbandonedRegistrations,
    CreateOrganizationUserHandler,
    UserRepository,
    UserCommands,
    UserAccess,
    OrganizationAccessClient,
    InternetDomainMembership,
    ChangeOrganizationUserHandler,
    SetUserPasswordHandler,
    DeleteOrganizationUserHandler,
    ChangeUsersStatusHandler,
    ChangeOwnPasswordHandler,
  ],
  exports: [AccessRevocations, CredentialStore, PasswordHasher, PasswordRules, RegisterUserHandler, CreateOrganizationUserHandler, UserRepository, UserCommands, OrganizationAccessClient],
  projections: [organizationUserListProjection],
  consumers: [LicenceAssignmentsConsumer],
  collections: [CREDENTIALS, USER_SERVICES_COUNT, SUBSCRIPTION_HOLDERS],
})
export class UsersModule {}

import { Module } from '@nestjs/common';
import { OrganizationUsersController } from './organization-users.controller';
import { OwnPasswordController } from './own-password.controller';

/** Users section of api-v1.md, except the CSV import; and PUT /me/password of the Auth section. */
@Module({ controllers: [OrganizationUsersController, OwnPasswordController] })
export class UsersApiModule {}

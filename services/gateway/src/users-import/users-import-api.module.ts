import { Module } from '@nestjs/common';

/** POST /organizations/{orgId}/users/import. */
@Module({ controllers: [] })
export class UsersImportApiModule {}

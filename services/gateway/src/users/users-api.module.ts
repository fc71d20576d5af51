import { Module } from '@nestjs/common';

/** Users section of api-v1.md, except the CSV import. */
@Module({ controllers: [] })
export class UsersApiModule {}

import { Module } from '@nestjs/common';
import { CreateResellerController } from './resellers/create-reseller/create-reseller.controller';
import { CreateResellerHandler } from './resellers/create-reseller/create-reseller.handler';
import { GetResellerController } from './resellers/get-reseller/get-reseller.controller';
import { ListResellersController } from './resellers/reseller-list/list-resellers.controller';

@Module({
  controllers: [CreateResellerController, GetResellerController, ListResellersController],
  providers: [CreateResellerHandler],
})
export class OrganizationsModule {}

import { ApiProperty } from '@nestjs/swagger';
import type { Page, ResellerView, UserView } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

/** A new reseller over HTTP: with the first admin, created in identity in the same request. */
type CreatedReseller = ResellerView & { admin: ResellerAdmin };
type ResellerAdmin = Pick<UserView, 'id' | 'username'>;

/** Response shapes, for the OpenAPI document. */
@Documents<ResellerView>()
export class ResellerResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code; every amount of the reseller is in it' })
  currency!: string;

  @ApiProperty()
  notificationEmail!: string;

  @ApiProperty()
  supportEmail!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

@Documents<ResellerAdmin>()
export class ResellerAdminResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  username!: string;
}

@Documents<CreatedReseller>()
export class CreatedResellerResponse extends ResellerResponse {
  @ApiProperty({ type: ResellerAdminResponse, description: 'The first reseller admin' })
  admin!: ResellerAdminResponse;
}

@Documents<Page<ResellerView>>()
export class ResellerListResponse {
  @ApiProperty({ type: [ResellerResponse] })
  items!: ResellerResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document. */
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

export class ResellerAdminResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  username!: string;
}

export class CreatedResellerResponse extends ResellerResponse {
  @ApiProperty({ type: ResellerAdminResponse, description: 'The first reseller admin' })
  admin!: ResellerAdminResponse;
}

export class ResellerListResponse {
  @ApiProperty({ type: [ResellerResponse] })
  items!: ResellerResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor!: string | null;
}

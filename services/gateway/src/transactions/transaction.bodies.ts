import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { MAX_TRANSACTION_QUANTITY } from '@broker/contracts';

export class OrderBody {
  @ApiProperty({ format: 'uuid', description: "A product of the organization's e-store" })
  @IsUUID()
  productId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TRANSACTION_QUANTITY, example: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_TRANSACTION_QUANTITY)
  quantity!: number;
}

export class ChangeQuantityBody {
  @ApiProperty({
    minimum: 1,
    maximum: MAX_TRANSACTION_QUANTITY,
    example: 12,
    description: 'The new quantity: not the current one, and not below the number of users assigned to the subscription',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_TRANSACTION_QUANTITY)
  quantity!: number;
}

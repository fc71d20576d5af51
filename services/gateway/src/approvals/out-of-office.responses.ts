import { ApiProperty } from '@nestjs/swagger';
import type { OutOfOfficeView } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';

@Documents<NonNullable<OutOfOfficeView['period']>>()
export class OutOfOfficePeriodResponse {
  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ format: 'uuid' })
  delegateId!: string;
}

@Documents<OutOfOfficeView>()
export class OutOfOfficeResponse {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ type: OutOfOfficePeriodResponse, nullable: true, description: 'Null while none is set' })
  period!: OutOfOfficePeriodResponse | null;
}

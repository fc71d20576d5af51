import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BACKING_SERVICES } from '@broker/contracts';
import { ListQuery } from '../shared/list.query';

/** GET /admin/parked-messages */
export class ParkedMessagesQuery extends ListQuery {
  @ApiProperty({ enum: BACKING_SERVICES, description: 'The service whose consumers parked the messages' })
  @IsIn(BACKING_SERVICES)
  service!: (typeof BACKING_SERVICES)[number];
}

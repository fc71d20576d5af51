import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsUUID } from 'class-validator';
import { MAX_ASSIGNED_USERS } from '@broker/contracts';

/** PUT /organizations/{orgId}/subscriptions/{subscriptionId}/assignments: the holders afterwards ("set to"). */
export class AssignmentsBody {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Users of the organization who hold a licence afterwards; at most the quantity' })
  @IsArray()
  @ArrayMaxSize(MAX_ASSIGNED_USERS)
  @IsUUID('all', { each: true })
  userIds!: string[];
}

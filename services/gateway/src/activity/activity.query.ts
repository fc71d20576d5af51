import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ACTIVITY_ACTION_PATTERN } from '@broker/contracts';
import { ListQuery } from '../shared/list.query';

/** The filters of every activity list, with its page. */
export class ActivityQuery extends ListQuery {
  @ApiPropertyOptional({ example: '7c1e2f4a-0b8e-4c8e-9a53-2f1d6f0c9e21', description: 'Only what this user did (`system`: the platform\'s own work; `policy`: approvals by policy)' })
  @IsOptional()
  @Matches(/^(?:system|policy|[0-9a-f-]{36})$/i, { message: 'actorId must be a user id, system or policy' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'transaction.approved', description: 'Only this kind of action (`area.what`, as listed)' })
  @IsOptional()
  @Length(3, 80)
  @Matches(ACTIVITY_ACTION_PATTERN, { message: 'action must be written area.what (transaction.approved)' })
  action?: string;

  @ApiPropertyOptional({ description: 'Only what was done to this (a user, organization, transaction, product ... id)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  targetId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this moment (included)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Up to this moment (excluded)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
